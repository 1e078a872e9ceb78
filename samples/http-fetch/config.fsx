// Fetches --uri over HTTPS (h2 or http/1.1 by ALPN) through the stack's DNS client and happy
// eyeballs (mirage-skeleton's device-usage/http-fetch, with paf_client over mimic):
// `./dist/http-fetch --uri=https://mirageos.org --dns-servers=udp:9.9.9.9`.
// Configured with --cohttp, it is upstream's http-fetch itself: cohttp_client (HTTP/1.1) through
// resolver_dns and conduit_direct ~tls:true (`--resolver=udp:9.9.9.9` at run time).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let cohttp =
    Key.create (
        "cohttp",
        Key.Arg.flag (
            Key.Arg.info "Fetch with cohttp_client through resolver_dns and conduit_direct ~tls:true, not paf_client."
        )
    )

let uri =
    runtime_arg ("uri", Runtime_arg.string "https://mirageos.org", doc = "The URI to fetch.")

let stack = generic_stackv4v6 ()

let withPaf =
    let happyEyeballs = generic_happy_eyeballs () $ stack
    let dns = generic_dns_client () $ stack $ happyEyeballs
    let mimic = mimic_happy_eyeballs $ stack $ happyEyeballs $ dns
    let fetch = main ("Unikernel.Fetch", alpn_client @-> job, runtime_args = [ uri ])
    fetch $ (paf_client $ (tcpv4v6_of_stackv4v6 $ stack) $ mimic)

let withCohttp =
    let fetch = main ("Unikernel.Fetch", http_client @-> job, runtime_args = [ uri ])
    fetch $ cohttp_client (resolver_dns stack) (conduit_direct (stack, tls = true))

register ("http-fetch", [ if_impl (Key.value cohttp) withCohttp withPaf ])
