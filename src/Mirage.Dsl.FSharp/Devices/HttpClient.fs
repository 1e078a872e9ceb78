namespace Mirage

open System
open Mirage.Devices

/// The module type of mimic, reaching a host and port without knowing how (upstream's <c>mimic</c>).
type mimic = Mirage.CSharp.Mimic

/// The module type of host name resolvers (upstream's <c>resolver</c>).
type resolver = Mirage.CSharp.Resolver

/// The module type of HTTP clients offering h2 and http/1.1 by ALPN (upstream's <c>alpn_client</c>).
type alpn_client = Mirage.CSharp.AlpnClient

/// The module type of HTTP/1.1 clients over a resolver and a conduit (upstream's <c>http_client</c>).
type http_client = Mirage.CSharp.HttpClient

/// HTTP clients and what they connect with: <c>mimic_happy_eyeballs</c>, <c>paf_client</c>,
/// <c>cohttp_client resolver conduit</c>, <c>resolver_dns stack</c>, <c>resolver_unix_system</c>.
[<AutoOpen>]
module HttpClientDevices =

    let private mimicHappyEyeballs = Functor.curried3 (Catalogue.MimicHappyEyeballs())

    let private pafClient = Functor.curried2 (Catalogue.PafClient())

    let private resolverUnixSystem = Catalogue.ResolverUnixSystem()

    type Dsl with
        /// Mimic: a way to reach a host and port.
        static member mimic: mimic typ = ModuleTypes.Mimic

        /// Host name resolvers.
        static member resolver: resolver typ = ModuleTypes.Resolver

        /// HTTP clients offering h2 and http/1.1 by ALPN (a System.Net.Http.HttpClient).
        static member alpn_client: alpn_client typ = ModuleTypes.AlpnClient

        /// HTTP/1.1 clients over a resolver and a conduit (a System.Net.Http.HttpClient).
        static member http_client: http_client typ = ModuleTypes.HttpClient

        /// <summary>
        /// An HttpClient speaking HTTP/1.1 that looks hosts up with <paramref name="resolver"/> and
        /// connects through <paramref name="conduit"/>; https needs <c>conduit_direct (stack, tls = true)</c>.
        /// Curried as upstream: <c>cohttp_client res_dns conduit</c>.
        /// Servers are checked against the system roots or the authorities of <c>--tls-ca=FILE</c>.
        /// </summary>
        static member cohttp_client (resolver: resolver impl) (conduit: conduit impl) : http_client impl =
            Catalogue.CohttpClient(resolver, conduit)

        /// Mimic connecting through happy eyeballs, which the DNS client teaches to look names up.
        static member mimic_happy_eyeballs: (stackv4v6 -> happy_eyeballs -> dns_client -> mimic) impl =
            mimicHappyEyeballs

        /// <summary>
        /// An HttpClient whose connections go through mimic, h2 and http/1.1 by ALPN over TLS, checking
        /// servers against the system roots or the authorities of the runtime argument
        /// <c>--tls-ca=FILE</c>.
        /// </summary>
        static member paf_client: (tcpv4v6 -> mimic -> alpn_client) impl = pafClient

        /// <summary>
        /// A resolver asking nameservers through <paramref name="stack"/>; <paramref name="ns"/> is the
        /// default of the runtime argument <c>--resolver</c> (<c>udp:IP[:PORT]</c> or <c>tcp:IP[:PORT]</c>).
        /// With <paramref name="dhcp"/> it asks the lease's DNS servers when no nameserver is given.
        /// </summary>
        static member resolver_dns
            (stack: stackv4v6 impl, ?ns: string list, ?dhcp: dhcp_requests * lease impl)
            : resolver impl =
            let ns =
                ns
                |> Option.map (fun l -> ResizeArray l :> Collections.Generic.IReadOnlyList<string>)
                |> Option.toObj

            Catalogue.ResolverDns(stack, ns, DhcpArgument.ofOption dhcp)

        /// The host's own resolver (System.Net.Dns).
        static member resolver_unix_system: resolver impl = resolverUnixSystem
