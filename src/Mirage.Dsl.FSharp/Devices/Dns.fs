namespace Mirage

open System
open Mirage.Devices

/// The module type of DNS clients (upstream's <c>dns_client</c>).
type dns_client = Mirage.CSharp.DnsClient

/// The module type of happy eyeballs connectors (upstream's <c>happy_eyeballs</c>).
type happy_eyeballs = Mirage.CSharp.HappyEyeballs

/// DNS and happy eyeballs: <c>generic_happy_eyeballs ()</c>, <c>generic_dns_client ()</c>.
[<AutoOpen>]
module DnsDevices =
    let private opt (value: 'a option) = Option.toNullable value

    type Dsl with
        /// DNS clients.
        static member dns_client: dns_client typ = ModuleTypes.DnsClient

        /// Happy eyeballs (RFC 8305) connectors.
        static member happy_eyeballs: happy_eyeballs typ = ModuleTypes.HappyEyeballs

        /// <summary>
        /// Happy eyeballs over a stack. The durations are nanoseconds, defaults of upstream's runtime
        /// arguments <c>--he-aaaa-timeout</c> (50 ms), <c>--he-connect-delay</c> (50 ms),
        /// <c>--he-connect-timeout</c> (10 s), <c>--he-resolve-timeout</c> (1 s),
        /// <c>--he-resolve-retries</c> (3) and <c>--he-timer-interval</c> (10 ms).
        /// </summary>
        static member generic_happy_eyeballs
            (
                ?group: string,
                ?aaaa_timeout: int64,
                ?connect_delay: int64,
                ?connect_timeout: int64,
                ?resolve_timeout: int64,
                ?resolve_retries: int,
                ?timer_interval: int64
            ) : (stackv4v6 -> happy_eyeballs) impl =
            Functor.curried1 (
                Catalogue.GenericHappyEyeballs(
                    defaultArg group "",
                    opt aaaa_timeout,
                    opt connect_delay,
                    opt connect_timeout,
                    opt resolve_timeout,
                    opt resolve_retries,
                    opt timer_interval
                )
            )

        /// <summary>
        /// A DNS client over a stack and happy eyeballs, which it teaches to look names up. Defaults of
        /// the runtime arguments <c>--dns-servers</c> (<c>udp:IP[:PORT]</c> or <c>tcp:IP[:PORT]</c>),
        /// <c>--dns-timeout</c> (nanoseconds, 5 s) and <c>--dns-cache-size</c> (32). With
        /// <paramref name="dhcp"/> it asks the lease's DNS servers when none is given.
        /// </summary>
        static member generic_dns_client
            (
                ?group: string,
                ?timeout: int64,
                ?nameservers: string list,
                ?cache_size: int,
                ?dhcp: dhcp_requests * lease impl
            ) : (stackv4v6 -> happy_eyeballs -> dns_client) impl =
            Functor.curried2 (
                Catalogue.GenericDnsClient(
                    defaultArg group "",
                    opt timeout,
                    (match nameservers with
                     | Some l -> ResizeArray l :> Collections.Generic.IReadOnlyList<string>
                     | None -> null),
                    opt cache_size,
                    DhcpArgument.ofOption dhcp
                )
            )
