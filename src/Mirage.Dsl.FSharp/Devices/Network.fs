namespace Mirage

open Mirage.Devices

/// The module type of dual IPv4/IPv6 network stacks (upstream's <c>stackv4v6</c>).
type stackv4v6 = Mirage.CSharp.StackV4V6

/// The module type of TCP over IPv4 and IPv6 (upstream's <c>tcpv4v6</c>).
type tcpv4v6 = Mirage.CSharp.TcpV4V6

/// The module type of UDP over IPv4 and IPv6 (upstream's <c>udpv4v6</c>).
type udpv4v6 = Mirage.CSharp.UdpV4V6

/// The module type of IPv4 configured by DHCP, with its interface and lease (upstream's <c>dhcp_ipv4</c>).
type dhcp_ipv4 = Mirage.CSharp.DhcpIpv4

/// The module type of a DHCP lease's options (upstream's <c>lease</c>).
type lease = Mirage.CSharp.Lease

/// The DHCP option codes a unikernel's devices ask for (upstream's <c>dhcp_requests</c>).
type dhcp_requests = Mirage.CSharp.DhcpRequests

/// Upstream's <c>?dhcp:(requests, lease)</c> of the DNS devices, as the catalogue takes it.
module internal DhcpArgument =
    let ofOption (dhcp: (dhcp_requests * lease impl) option) =
        dhcp
        |> Option.map (fun (requests, lease) -> struct (requests, lease))
        |> Option.toNullable

/// Network stacks: <c>generic_stackv4v6 ()</c>, <c>generic_stackv4v6_with_lease ()</c>, <c>socket_stackv4v6 ()</c>,
/// <c>tcpv4v6_of_stackv4v6</c>.
[<AutoOpen>]
module NetworkDevices =
    type Dsl with
        /// Dual IPv4/IPv6 network stacks.
        static member stackv4v6: stackv4v6 typ = ModuleTypes.StackV4V6

        /// TCP over IPv4 and IPv6.
        static member tcpv4v6: tcpv4v6 typ = ModuleTypes.TcpV4V6

        /// UDP over IPv4 and IPv6.
        static member udpv4v6: udpv4v6 typ = ModuleTypes.UdpV4V6

        /// <summary>
        /// The dual stack over the host's sockets, with the runtime arguments <c>--ipv4</c>, <c>--ipv6</c>,
        /// <c>--ipv4-only</c> and <c>--ipv6-only</c> (prefixed by <paramref name="group"/>).
        /// </summary>
        static member socket_stackv4v6(?group: string) : stackv4v6 impl =
            Catalogue.SocketStackV4V6(defaultArg group "")

        /// <summary>
        /// The stack the <c>--net</c> configure key chooses: <c>socket</c> or <c>host</c> (the default), or
        /// <c>direct</c>, our own stack on the TAP interface <c>tap0</c> (<c>--interface</c>, <c>--ipv4</c>, ...).
        /// </summary>
        static member generic_stackv4v6(?group: string) : stackv4v6 impl =
            Catalogue.GenericStackV4V6(defaultArg group "")

        /// <summary>
        /// <c>generic_stackv4v6</c> and its DHCP lease: with <c>--net=direct --dhcp=true</c> the lease of
        /// <c>ipv4_of_dhcp</c>, which asks for <paramref name="dhcp_requests"/> too, else <c>no_lease</c>.
        /// </summary>
        static member generic_stackv4v6_with_lease
            (?group: string, ?dhcp_requests: dhcp_requests)
            : stackv4v6 impl * lease impl =
            let struct (stack, lease) =
                Catalogue.GenericStackV4V6WithLease(defaultArg group "", Option.toObj dhcp_requests)

            stack, lease

        /// UDP over the host's sockets.
        static member socket_udpv4v6(?group: string) : udpv4v6 impl =
            Catalogue.SocketUdpV4V6(defaultArg group "")

        /// TCP over the host's sockets.
        static member socket_tcpv4v6(?group: string) : tcpv4v6 impl =
            Catalogue.SocketTcpV4V6(defaultArg group "")

        /// The TCP layer of a stack (upstream's <c>tcpv4v6_of_stackv4v6</c>): apply it with <c>$</c>.
        static member tcpv4v6_of_stackv4v6: (stackv4v6 -> tcpv4v6) impl =
            Functor.curried1 (Catalogue.TcpV4V6OfStackV4V6())

    type Key with

        /// <summary>
        /// The <c>net</c> configure key (<c>GROUP-net</c> with a group): <c>socket</c> or <c>host</c> (the host's
        /// sockets), <c>direct</c> or <c>ocaml</c> (our own stack) (upstream's <c>Key.net</c>).
        /// </summary>
        static member net(?group: string) : string key =
            key<string>(Catalogue.NetKey(defaultArg group ""))

        /// <summary>
        /// The <c>dhcp</c> configure key (<c>GROUP-dhcp</c> with a group; upstream 4.10's <c>Key.dhcp</c>, false by
        /// default): with <c>--net=direct</c>, <c>generic_stackv4v6</c> takes its IPv4 address from a DHCP server.
        /// </summary>
        static member dhcp(?group: string) : bool key =
            key<bool>(Catalogue.DhcpKey(defaultArg group ""))
