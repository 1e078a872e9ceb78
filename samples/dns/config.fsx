// Resolves --domain-name with a DNS client over the stack (mirage-skeleton's applications/dns):
// `./dist/dns --domain-name=example.org --dns-servers=udp:9.9.9.9`. Configured with --net=direct --dhcp=true, it
// asks the DNS servers of its DHCP lease when --dns-servers is not given (upstream's generic_dns_client ~dhcp).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let domainName =
    runtime_arg ("domain-name", Runtime_arg.opt_string, doc = "The domain-name to resolve.")

let unikernel =
    main ("Unikernel.Resolve", dns_client @-> job, runtime_args = [ domainName ])

let requests = make_dhcp_requests ()
let stack, lease = generic_stackv4v6_with_lease (dhcp_requests = requests)
let happyEyeballs = generic_happy_eyeballs () $ stack

register (
    "dns",
    [
        unikernel
        $ (generic_dns_client (dhcp = (requests, lease)) $ stack $ happyEyeballs)
    ]
)
