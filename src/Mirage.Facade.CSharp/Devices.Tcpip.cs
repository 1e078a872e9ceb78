using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Network interfaces (upstream's <c>network</c>).</summary>
    public static readonly Typ<Network> Network = ModuleTypes.Network;

    /// <summary>Ethernet layers (upstream's <c>ethernet</c>).</summary>
    public static readonly Typ<Ethernet> Ethernet = ModuleTypes.Ethernet;

    /// <summary>ARP layers (upstream's <c>arpv4</c>).</summary>
    public static readonly Typ<Arpv4> Arpv4 = ModuleTypes.Arpv4;

    /// <summary>IPv4 layers (upstream's <c>ipv4</c>).</summary>
    public static readonly Typ<Ipv4> Ipv4 = ModuleTypes.Ipv4;

    /// <summary>IPv6 layers (upstream's <c>ipv6</c>).</summary>
    public static readonly Typ<Ipv6> Ipv6 = ModuleTypes.Ipv6;

    /// <summary>IP layers over both families (upstream's <c>ipv4v6</c>).</summary>
    public static readonly Typ<Ipv4V6> Ipv4V6 = ModuleTypes.Ipv4V6;

    /// <summary>IPv4 configured by DHCP, with its interface and lease (upstream's <c>dhcp_ipv4</c>).</summary>
    public static readonly Typ<DhcpIpv4> DhcpIpv4 = ModuleTypes.DhcpIpv4;

    /// <summary>DHCP leases' options (upstream's <c>lease</c>).</summary>
    public static readonly Typ<Lease> Lease = ModuleTypes.Lease;
}

public static partial class Devices
{
    /// <summary>The TAP interface <paramref name="name"/>, renamed at run time by <c>--interface</c> (upstream's <c>netif</c>).</summary>
    public static Impl<Network> Netif(string name, string group = "") => Catalogue.Netif(name, group);

    /// <summary>The default network interface, <c>Netif("tap0")</c> (upstream's <c>default_network</c>).</summary>
    public static Impl<Network> DefaultNetwork() => Catalogue.DefaultNetwork();

    /// <summary>Ethernet over a network interface (upstream's <c>ethif</c>).</summary>
    public static Impl<Ethernet> Ethif(Impl<Network> network) => Catalogue.Ethif(network);

    /// <summary>ARP over an Ethernet layer (upstream's <c>arp</c>).</summary>
    public static Impl<Arpv4> Arp(Impl<Ethernet> ethernet) => Catalogue.Arp(ethernet);

    /// <summary>IPv4 with a static address: <c>--ipv4</c>, <c>--ipv4-gateway</c>, <c>--ipv6-only</c> (upstream's <c>create_ipv4</c>).</summary>
    public static Impl<Ipv4> CreateIpv4(Impl<Ethernet> ethernet, Impl<Arpv4> arp, string group = "") => Catalogue.CreateIpv4(ethernet, arp, group);

    /// <summary>An empty set of DHCP option codes to ask for (upstream's <c>make_dhcp_requests</c>).</summary>
    public static DhcpRequests MakeDhcpRequests() => Catalogue.MakeDhcpRequests();

    /// <summary>Asks for the DHCP option <paramref name="code"/> too, 1 to 254 (upstream's <c>add_dhcp_request</c>).</summary>
    public static void AddDhcpRequest(DhcpRequests requests, int code) => Catalogue.AddDhcpRequest(requests, code);

    /// <summary>
    /// IPv4 whose address, netmask and gateway come from a DHCP lease, beside its interface and lease (take them out
    /// with <c>DhcpProjNet</c>, <c>DhcpProjIpv4</c>, <c>DhcpProjLease</c>); connects once a lease is bound, asking for
    /// <paramref name="dhcpRequests"/> too; <c>--ipv6-only</c> asks for none (upstream's <c>ipv4_of_dhcp</c>).
    /// </summary>
    public static Impl<DhcpIpv4> Ipv4OfDhcp(
        Impl<Network> network, Impl<Ethernet> ethernet, Impl<Arpv4> arp, string group = "", DhcpRequests? dhcpRequests = null) =>
        Catalogue.Ipv4OfDhcp(network, ethernet, arp, group, dhcpRequests);

    /// <summary>The network interface of a <c>DhcpIpv4</c> (upstream's <c>dhcp_proj_net</c>).</summary>
    public static Impl<Fn<DhcpIpv4, Network>> DhcpProjNet() => Catalogue.DhcpProjNet();

    /// <summary>The IPv4 layer of a <c>DhcpIpv4</c> (upstream's <c>dhcp_proj_ipv4</c>).</summary>
    public static Impl<Fn<DhcpIpv4, Ipv4>> DhcpProjIpv4() => Catalogue.DhcpProjIpv4();

    /// <summary>The lease of a <c>DhcpIpv4</c>, its options (upstream's <c>dhcp_proj_lease</c>).</summary>
    public static Impl<Fn<DhcpIpv4, Lease>> DhcpProjLease() => Catalogue.DhcpProjLease();

    /// <summary>No lease: what the host's sockets and a static address hold (upstream's <c>no_lease</c>).</summary>
    public static Impl<Lease> NoLease() => Catalogue.NoLease();

    /// <summary>
    /// IPv6 with neighbour discovery: <c>--ipv6</c>, <c>--ipv6-gateway</c>, <c>--accept-router-advertisements</c>,
    /// <c>--ipv4-only</c> (upstream's <c>create_ipv6</c>).
    /// </summary>
    public static Impl<Ipv6> CreateIpv6(Impl<Network> network, Impl<Ethernet> ethernet, string group = "") => Catalogue.CreateIpv6(network, ethernet, group);

    /// <summary>IPv4 and IPv6 as one layer: <c>--ipv4-only</c>, <c>--ipv6-only</c> (upstream's <c>create_ipv4v6</c>).</summary>
    public static Impl<Ipv4V6> CreateIpv4V6(Impl<Ipv4> ipv4, Impl<Ipv6> ipv6, string group = "") => Catalogue.CreateIpv4V6(ipv4, ipv6, group);

    /// <summary>UDP over an IP layer (upstream's <c>direct_udp</c>).</summary>
    public static Impl<UdpV4V6> DirectUdp(Impl<Ipv4V6> ip) => Catalogue.DirectUdp(ip);

    /// <summary>TCP over an IP layer (upstream's <c>direct_tcp</c>).</summary>
    public static Impl<TcpV4V6> DirectTcp(Impl<Ipv4V6> ip) => Catalogue.DirectTcp(ip);

    /// <summary>
    /// Our own dual stack over its layers, IPv4 and IPv6 joined with <c>--ipv4-only</c>, <c>--ipv6-only</c>
    /// (upstream's <c>direct_stackv4v6</c>).
    /// </summary>
    public static Impl<StackV4V6> DirectStackV4V6(
        Impl<Network> network, Impl<Ethernet> ethernet, Impl<Arpv4> arp, Impl<Ipv4> ipv4, Impl<Ipv6> ipv6, string group = "") =>
        Catalogue.DirectStackV4V6(network, ethernet, arp, ipv4, ipv6, group);
}
