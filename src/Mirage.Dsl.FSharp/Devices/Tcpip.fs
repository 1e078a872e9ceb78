namespace Mirage

open Mirage.Devices

/// The module type of network interfaces (upstream's <c>network</c>).
type network = Mirage.CSharp.Network

/// The module type of Ethernet layers (upstream's <c>ethernet</c>).
type ethernet = Mirage.CSharp.Ethernet

/// The module type of ARP layers (upstream's <c>arpv4</c>).
type arpv4 = Mirage.CSharp.Arpv4

/// The module type of IPv4 layers (upstream's <c>ipv4</c>).
type ipv4 = Mirage.CSharp.Ipv4

/// The module type of IPv6 layers (upstream's <c>ipv6</c>).
type ipv6 = Mirage.CSharp.Ipv6

/// The module type of IP layers over both families (upstream's <c>ipv4v6</c>).
type ipv4v6 = Mirage.CSharp.Ipv4V6

/// Our own stack, layer by layer: <c>default_network</c>, <c>netif</c>, <c>ethif</c>, <c>arp</c>,
/// <c>create_ipv4</c>, <c>ipv4_of_dhcp</c> (with <c>make_dhcp_requests</c>, <c>add_dhcp_request</c>, <c>dhcp_proj_net</c>,
/// <c>dhcp_proj_ipv4</c>, <c>dhcp_proj_lease</c>, <c>no_lease</c>), <c>create_ipv6</c>, <c>create_ipv4v6</c>, <c>direct_udp</c>, <c>direct_tcp</c>,
/// <c>direct_stackv4v6</c>.
[<AutoOpen>]
module TcpipDevices =
    type Dsl with
        /// Network interfaces.
        static member network: network typ = ModuleTypes.Network

        /// Ethernet layers.
        static member ethernet: ethernet typ = ModuleTypes.Ethernet

        /// ARP layers.
        static member arpv4: arpv4 typ = ModuleTypes.Arpv4

        /// IPv4 layers.
        static member ipv4: ipv4 typ = ModuleTypes.Ipv4

        /// IPv6 layers.
        static member ipv6: ipv6 typ = ModuleTypes.Ipv6

        /// IP layers over both families.
        static member ipv4v6: ipv4v6 typ = ModuleTypes.Ipv4V6

        /// IPv4 configured by DHCP, with its interface and lease.
        static member dhcp_ipv4: dhcp_ipv4 typ = ModuleTypes.DhcpIpv4

        /// DHCP leases' options.
        static member lease: lease typ = ModuleTypes.Lease

        /// <summary>
        /// The TAP interface <paramref name="name"/>, renamed at run time by <c>--interface</c>
        /// (<c>--GROUP-interface</c> with a <paramref name="group"/>).
        /// </summary>
        static member netif(name: string, ?group: string) : network impl =
            Catalogue.Netif(name, defaultArg group "")

        /// The default network interface: <c>netif "tap0"</c>.
        static member default_network: network impl = Catalogue.DefaultNetwork()

        /// Ethernet over a network interface.
        static member ethif(network: network impl) : ethernet impl = Catalogue.Ethif network

        /// ARP over an Ethernet layer.
        static member arp(ethernet: ethernet impl) : arpv4 impl = Catalogue.Arp ethernet

        /// <summary>
        /// IPv4 with a static address: <c>--ipv4</c> (10.0.0.2/24), <c>--ipv4-gateway</c> (10.0.0.1),
        /// <c>--ipv6-only</c> (prefixed by <paramref name="group"/>).
        /// </summary>
        static member create_ipv4(ethernet: ethernet impl, arp: arpv4 impl, ?group: string) : ipv4 impl =
            Catalogue.CreateIpv4(ethernet, arp, defaultArg group "")

        /// An empty set of DHCP option codes to ask for.
        static member make_dhcp_requests() : dhcp_requests = Catalogue.MakeDhcpRequests()

        /// Asks for the DHCP option <c>code</c> too (1 to 254).
        static member add_dhcp_request(requests: dhcp_requests, code: int) : unit =
            Catalogue.AddDhcpRequest(requests, code)

        /// <summary>
        /// IPv4 whose address, netmask and gateway come from a DHCP lease, beside its interface and lease (upstream's
        /// <c>ipv4_of_dhcp</c>: take them out with <c>dhcp_proj_net</c>, <c>dhcp_proj_ipv4</c>, <c>dhcp_proj_lease</c>);
        /// it connects once a lease is bound, asking for <paramref name="dhcp_requests"/> too; <c>--ipv6-only</c>
        /// (prefixed by <paramref name="group"/>) asks for none.
        /// </summary>
        static member ipv4_of_dhcp
            (
                network: network impl,
                ethernet: ethernet impl,
                arp: arpv4 impl,
                ?group: string,
                ?dhcp_requests: dhcp_requests
            ) : dhcp_ipv4 impl =
            Catalogue.Ipv4OfDhcp(network, ethernet, arp, defaultArg group "", Option.toObj dhcp_requests)

        /// The network interface of a <c>dhcp_ipv4</c>: apply it with <c>$</c>.
        static member dhcp_proj_net: (dhcp_ipv4 -> network) impl =
            Functor.curried1 (Catalogue.DhcpProjNet())

        /// The IPv4 layer of a <c>dhcp_ipv4</c>: apply it with <c>$</c>.
        static member dhcp_proj_ipv4: (dhcp_ipv4 -> ipv4) impl =
            Functor.curried1 (Catalogue.DhcpProjIpv4())

        /// The lease of a <c>dhcp_ipv4</c>, its options: apply it with <c>$</c>.
        static member dhcp_proj_lease: (dhcp_ipv4 -> lease) impl =
            Functor.curried1 (Catalogue.DhcpProjLease())

        /// No lease: what the host's sockets and a static address hold.
        static member no_lease: lease impl = Catalogue.NoLease()

        /// <summary>
        /// IPv6 with neighbour discovery: <c>--ipv6</c>, <c>--ipv6-gateway</c>,
        /// <c>--accept-router-advertisements</c>, <c>--ipv4-only</c> (prefixed by <paramref name="group"/>).
        /// </summary>
        static member create_ipv6(network: network impl, ethernet: ethernet impl, ?group: string) : ipv6 impl =
            Catalogue.CreateIpv6(network, ethernet, defaultArg group "")

        /// <summary>IPv4 and IPv6 as one layer: <c>--ipv4-only</c>, <c>--ipv6-only</c> (prefixed by <paramref name="group"/>).</summary>
        static member create_ipv4v6(ipv4: ipv4 impl, ipv6: ipv6 impl, ?group: string) : ipv4v6 impl =
            Catalogue.CreateIpv4V6(ipv4, ipv6, defaultArg group "")

        /// UDP over an IP layer.
        static member direct_udp(ip: ipv4v6 impl) : udpv4v6 impl = Catalogue.DirectUdp ip

        /// TCP over an IP layer.
        static member direct_tcp(ip: ipv4v6 impl) : tcpv4v6 impl = Catalogue.DirectTcp ip

        /// <summary>
        /// Our own dual stack over its layers: IPv4 and IPv6 joined with <c>--ipv4-only</c>, <c>--ipv6-only</c>
        /// (prefixed by <paramref name="group"/>), UDP and TCP over them.
        /// </summary>
        static member direct_stackv4v6
            (
                network: network impl,
                ethernet: ethernet impl,
                arp: arpv4 impl,
                ipv4: ipv4 impl,
                ipv6: ipv6 impl,
                ?group: string
            ) : stackv4v6 impl =
            Catalogue.DirectStackV4V6(network, ethernet, arp, ipv4, ipv6, defaultArg group "")
