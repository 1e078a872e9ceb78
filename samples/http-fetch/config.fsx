// Fetches --uri over HTTPS (h2 or http/1.1 by ALPN) through the stack's DNS client and happy
// eyeballs (mirage-skeleton's device-usage/http-fetch, with paf_client over mimic):
// `./dist/http-fetch --uri=https://mirageos.org --dns-servers=udp:9.9.9.9`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let uri =
    runtime_arg ("uri", Runtime_arg.string "https://mirageos.org", doc = "The URI to fetch.")

let client = main ("Unikernel.Fetch", alpn_client @-> job, runtime_args = [ uri ])

let stack = generic_stackv4v6 ()
let happyEyeballs = generic_happy_eyeballs () $ stack
let dns = generic_dns_client () $ stack $ happyEyeballs
let mimic = mimic_happy_eyeballs $ stack $ happyEyeballs $ dns

register ("http-fetch", [ client $ (paf_client $ (tcpv4v6_of_stackv4v6 $ stack) $ mimic) ])
