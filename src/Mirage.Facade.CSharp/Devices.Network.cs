using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Dual IPv4/IPv6 network stacks (upstream's <c>stackv4v6</c>).</summary>
    public static readonly Typ<StackV4V6> StackV4V6 = ModuleTypes.StackV4V6;

    /// <summary>TCP over IPv4 and IPv6 (upstream's <c>tcpv4v6</c>).</summary>
    public static readonly Typ<TcpV4V6> TcpV4V6 = ModuleTypes.TcpV4V6;

    /// <summary>UDP over IPv4 and IPv6 (upstream's <c>udpv4v6</c>).</summary>
    public static readonly Typ<UdpV4V6> UdpV4V6 = ModuleTypes.UdpV4V6;
}

public static partial class Devices
{
    /// <summary>The dual stack over the host's sockets (upstream's <c>socket_stackv4v6</c>).</summary>
    public static Impl<StackV4V6> SocketStackV4V6(string group = "") => Catalogue.SocketStackV4V6(group);

    /// <summary>The stack the <c>net</c> key chooses (upstream's <c>generic_stackv4v6</c>).</summary>
    public static Impl<StackV4V6> GenericStackV4V6(string group = "") => Catalogue.GenericStackV4V6(group);

    /// <summary>
    /// <c>GenericStackV4V6</c> and its DHCP lease: with <c>--net=direct --dhcp=true</c> the lease of <c>Ipv4OfDhcp</c>,
    /// which asks for <paramref name="dhcpRequests"/> too, else <c>NoLease</c> (upstream's <c>generic_stackv4v6_with_lease</c>).
    /// </summary>
    public static (Impl<StackV4V6> Stack, Impl<Lease> Lease) GenericStackV4V6WithLease(string group = "", DhcpRequests? dhcpRequests = null) =>
        Catalogue.GenericStackV4V6WithLease(group, dhcpRequests);

    /// <summary>UDP over the host's sockets (upstream's <c>socket_udpv4v6</c>).</summary>
    public static Impl<UdpV4V6> SocketUdpV4V6(string group = "") => Catalogue.SocketUdpV4V6(group);

    /// <summary>TCP over the host's sockets (upstream's <c>socket_tcpv4v6</c>).</summary>
    public static Impl<TcpV4V6> SocketTcpV4V6(string group = "") => Catalogue.SocketTcpV4V6(group);

    /// <summary>The TCP layer of a stack (upstream's <c>tcpv4v6_of_stackv4v6</c>).</summary>
    public static Impl<Fn<StackV4V6, TcpV4V6>> TcpV4V6OfStackV4V6() => Catalogue.TcpV4V6OfStackV4V6();
}

public static partial class Key
{
    /// <summary>
    /// The <c>net</c> configure key (<c>GROUP-net</c> with a <paramref name="group"/>): <c>socket</c> or
    /// <c>host</c> (the host's sockets), <c>direct</c> or <c>ocaml</c> (our own stack) (upstream's <c>Key.net</c>).
    /// </summary>
    public static Key<string> Net(string group = "") => new(Catalogue.NetKey(group));

    /// <summary>
    /// The <c>dhcp</c> configure key (<c>GROUP-dhcp</c> with a <paramref name="group"/>; upstream 4.10's <c>Key.dhcp</c>,
    /// false by default): with <c>--net=direct</c>, <c>GenericStackV4V6</c> takes its IPv4 address from a DHCP server.
    /// </summary>
    public static Key<bool> Dhcp(string group = "") => new(Catalogue.DhcpKey(group));
}
