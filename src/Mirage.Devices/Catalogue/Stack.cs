using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// The <c>net</c> configure key (upstream's <c>Key.net</c>): <c>socket</c> or <c>host</c> select the host's
    /// sockets, <c>direct</c> (or upstream's other spelling, <c>ocaml</c>) our own stack on a TAP interface.
    /// </summary>
    public static Key NetKey(string group = "") => new(
        GroupName(group, "net"),
        $"Use socket|host|direct networking for {GroupDoc(group)} (direct: Mirage.NET's own stack on a TAP interface).",
        "socket|host|direct",
        "socket",
        text => text switch
        {
            "socket" or "host" or "direct" => (text, null),
            "ocaml" => ("direct", null),
            _ => (null, $"invalid value '{text}', expected socket, host or direct"),
        },
        value => (string)value);

    /// <summary>
    /// The <c>dhcp</c> configure key (upstream 4.10's <c>Key.dhcp</c>, false by default as up to 4.10.4): with
    /// <c>--net=direct</c>, <c>generic_stackv4v6</c> takes its IPv4 address from a DHCP server (<c>ipv4_of_dhcp</c>)
    /// instead of <c>--ipv4</c>.
    /// </summary>
    public static Key DhcpKey(string group = "") =>
        Mirage.Devices.Conversion.Converters.Bool.CreateKey(GroupName(group, "dhcp"), false, $"Enable dhcp for {GroupDoc(group)} (with --net=direct).");

    /// <summary>The socket stack's runtime arguments, in connect order: ipv4, ipv6, ipv4-only, ipv6-only.</summary>
    public static IReadOnlyList<RuntimeArg> SocketStackArguments(string group = "")
    {
        var g = CSharpLiteral.String(group);
        return
        [
            new(GroupName(group, "ipv4"), "The network of the unikernel's IPv4 address.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)),
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4))}(\"0.0.0.0/0\", {g})"),
            new(GroupName(group, "ipv6"), "The network of the unikernel's IPv6 address.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)) + "?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6))}(null, {g})"),
            new(GroupName(group, "ipv4-only"), "Only use IPv4.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4Only))}({g})"),
            new(GroupName(group, "ipv6-only"), "Only use IPv6.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6Only))}({g})"),
        ];
    }

    private static string SocketOptions(ConnectContext context, string group) =>
        $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketStackOptions.Create))}("
        + string.Join(", ", SocketStackArguments(group).Select(a => context.RuntimeArguments[a.Name]))
        + ")";

    /// <summary>UDP over the host's sockets (upstream's <c>socket_udpv4v6</c>). Every call makes a new device.</summary>
    public static Impl<UdpV4V6> SocketUdpV4V6(string group = "") => Declare.Device(
        "SocketUdp",
        ModuleTypes.UdpV4V6,
        runtimeArgs: SocketStackArguments(group),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketUdp.Connect))}({SocketOptions(context, group)})");

    /// <summary>TCP over the host's sockets (upstream's <c>socket_tcpv4v6</c>). Every call makes a new device.</summary>
    public static Impl<TcpV4V6> SocketTcpV4V6(string group = "") => Declare.Device(
        "SocketTcp",
        ModuleTypes.TcpV4V6,
        runtimeArgs: SocketStackArguments(group),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketTcp.Connect))}({SocketOptions(context, group)})");

    /// <summary>
    /// The dual stack over the host's sockets (upstream's <c>socket_stackv4v6</c>), with the runtime
    /// arguments <c>--ipv4</c>, <c>--ipv6</c>, <c>--ipv4-only</c>, <c>--ipv6-only</c> (prefixed by
    /// <paramref name="group"/> when given). Every call makes a new device.
    /// </summary>
    public static Impl<StackV4V6> SocketStackV4V6(string group = "") => SocketStack(group, keys: []);

    private static Impl<StackV4V6> SocketStack(string group, IReadOnlyList<Key> keys) => Declare.Device(
        "SocketStack",
        ModuleTypes.StackV4V6,
        keys: keys,
        runtimeArgs: SocketStackArguments(group),
        extraDeps: [SocketUdpV4V6(group), SocketTcpV4V6(group)],
        connect: context =>
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketStack.Connect))}({context.ExtraDependencies[0]}, {context.ExtraDependencies[1]}, {SocketOptions(context, group)})");

    /// <summary>
    /// The stack the <c>net</c> and <c>dhcp</c> keys choose (upstream's <c>generic_stackv4v6</c>): the host's sockets
    /// by default (upstream's default on unix), our own stack with <c>--net=direct</c>, on the TAP interface
    /// <c>tap0</c> (<c>--interface</c>) with a static configuration (<c>--ipv4</c>, <c>--ipv4-gateway</c>, <c>--ipv6</c>,
    /// ...) or, with <c>--dhcp=true</c>, its IPv4 address from a DHCP server.
    /// </summary>
    public static Impl<StackV4V6> GenericStackV4V6(string group = "") => GenericStackV4V6WithLease(group).Stack;

    /// <summary>
    /// <see cref="GenericStackV4V6"/> and its DHCP lease (upstream's <c>generic_stackv4v6_with_lease</c>): the lease of
    /// <c>ipv4_of_dhcp</c> with <c>--net=direct --dhcp=true</c>, which asks for <paramref name="dhcpRequests"/> too,
    /// else <c>no_lease</c>. Give the lease and the requests to <c>generic_dns_client</c> or <c>resolver_dns</c>
    /// (<c>?dhcp</c>) and they ask the lease's DNS servers.
    /// </summary>
    public static (Impl<StackV4V6> Stack, Impl<Lease> Lease) GenericStackV4V6WithLease(string group = "", DhcpRequests? dhcpRequests = null)
    {
        var net = NetKey(group);
        var dhcp = DhcpKey(group);
        var socket = SocketStack(group, keys: [net, dhcp]);
        // Upstream's choice of (net, dhcp): the host's sockets unless --net=direct; then DHCP or a static address.
        var choice = KeyValue.Map2(KeyValue.Of(net), KeyValue.Of(dhcp), (n, d) => (string)n != "direct" ? "socket" : (bool)d ? "dhcp" : "static");
        var tap = Netif("tap0", group);
        var ethernet = Ethif(tap);
        var arp = Arp(ethernet);
        var staticStack = DirectStackV4V6(tap, ethernet, arp, CreateIpv4(ethernet, arp, group), CreateIpv6(tap, ethernet, group), group);
        // As upstream's generic_ipv4v6_stack: IPv6 and the stack on the dhcp_ipv4's interface, IPv4 its layer.
        var dhcpIpv4 = Ipv4OfDhcp(tap, ethernet, arp, group, dhcpRequests);
        var dhcpTap = Declare.Apply(DhcpProjNet(), dhcpIpv4);
        var dhcpStack = DirectStackV4V6(
            dhcpTap, ethernet, arp, Declare.Apply(DhcpProjIpv4(), dhcpIpv4), CreateIpv6(dhcpTap, ethernet, group), group);
        var stack = Declare.Match(choice, [("static", staticStack), ("dhcp", dhcpStack)], socket);
        var lease = Declare.Match(choice, [("dhcp", Declare.Apply(DhcpProjLease(), dhcpIpv4))], NoLease());
        return (stack, lease);
    }

    /// <summary>The TCP layer of a stack (upstream's <c>tcpv4v6_of_stackv4v6</c>). Every call makes a new device.</summary>
    public static Impl<Fn<StackV4V6, TcpV4V6>> TcpV4V6OfStackV4V6() => Declare.Device(
        "TcpOfStack",
        ModuleTypes.StackV4V6.To(ModuleTypes.TcpV4V6),
        connect: context => $"{context.Arguments[0]}.{nameof(Mirage.Runtime.Network.IStackV4V6.Tcp)}");
}
