/// IPv4 by DHCP in upstream 4.10.5's shape from the F# DSL: generic_stackv4v6_with_lease hands the lease of its one
/// ipv4_of_dhcp to generic_dns_client and resolver_dns (?dhcp), which add the DNS servers option to the requests;
/// without DHCP the lease is no_lease. The generated main.cs compiles against the runtime.
module Mirage.Tests.Dsl.DhcpDevicesTests

open System
open System.Text.RegularExpressions
open Expecto
open Mirage
open type Mirage.Dsl

/// A DNS client and a resolver over generic_stackv4v6_with_lease, both reading its lease; option 42 (NTP servers)
/// asked for by the configuration itself.
let leaseReaders () =
    let requests = make_dhcp_requests ()
    add_dhcp_request (requests, 42)
    let stack, lease = generic_stackv4v6_with_lease (dhcp_requests = requests)
    let happyEyeballs = generic_happy_eyeballs () $ stack

    let dns = generic_dns_client (dhcp = (requests, lease)) $ stack $ happyEyeballs

    dns, resolver_dns (stack, dhcp = (requests, lease))

let private generate (dns: dns_client impl) (resolving: resolver impl) keys =
    let main = Dsl.main ("Unikernel.Main", dns_client @-> resolver @-> job)

    let registration =
        Mirage.Devices.Catalogue.Register("unikernel", [| (main $ dns $ resolving).Impl |])

    fst (Mirage.Tests.Engine.SameIR.emitted registration "unix" keys)

let private compileErrors (main: string) =
    // The job's constructor: Main(DnsClient dns, IResolver device).
    let job =
        "Mirage.Runtime.Network.Dns.DnsClient dns, Mirage.Runtime.Network.Resolver.IResolver"

    Mirage.Tests.Support.GeneratedMain.compileErrorsWith
        [ typeof<Mirage.Runtime.Tcpip.Devices.TapNetif>.Assembly.Location ]
        main
        job

let private one (pattern: string) (main: string) =
    let m = Regex.Match(main, pattern)
    Expect.isTrue m.Success $"{pattern} in\n{main}"
    m.Groups[1].Value

[<Tests>]
let tests =
    testList
        "Dsl.Dhcp"
        [
            testCase
                "with --net=direct --dhcp=true one DHCP client asks for 6 and 42, and the DNS client and resolver read its lease"
            <| fun () ->
                let dns, resolver = leaseReaders ()
                let main = generate dns resolver [ "net", "direct"; "dhcp", "true" ]
                Expect.equal (main.Split("DhcpIpv4.ConnectAsync(").Length - 1) 1 "one DHCP client"

                let dhcp =
                    one @"var (dhcp_ipv4_\d+) = await Mirage\.Runtime\.Tcpip\.Devices\.DhcpIpv4\.ConnectAsync\(" main

                Expect.stringContains
                    main
                    ", arg_ipv6_only.Value, new byte[] { 6, 42 }, cancellationToken);"
                    "asks for 6 and 42"

                let lease = one $@"var (dhcp_proj_lease_\d+) = {dhcp}\.Lease;" main
                one $@"var (dhcp_proj_ipv4_\d+) = {dhcp}\.Ipv4;" main |> ignore
                one $@"var (dhcp_proj_net_\d+) = {dhcp}\.Net;" main |> ignore

                one
                    $@"DnsClient\.ConnectWithLease\((direct_stack_\d+), happy_eyeballs_\d+, {lease}, arg_dns_servers\.Value, "
                    main
                |> ignore

                one $@"DnsResolver\.ConnectWithLease\((direct_stack_\d+), {lease}, arg_resolver\.Value\)" main
                |> ignore

                Expect.isEmpty (compileErrors main) "main.cs compiles"

            testCase "without --net the host's sockets hold no lease: no_lease is what the DNS devices read"
            <| fun () ->
                let dns, resolver = leaseReaders ()
                let main = generate dns resolver []
                Expect.isFalse (main.Contains "DhcpIpv4") "no DHCP client"

                let none =
                    one @"var (no_lease_\d+) = Mirage\.Runtime\.Network\.DhcpLeaseOptions\.None;" main

                one $@"DnsClient\.ConnectWithLease\((socket_stack_\d+), happy_eyeballs_\d+, {none}, " main
                |> ignore

                Expect.isEmpty (compileErrors main) "main.cs compiles"

                let staticDirect = generate dns resolver [ "net", "direct" ]
                Expect.stringContains staticDirect "DhcpLeaseOptions.None;" "a static address holds no lease either"
                Expect.isFalse (staticDirect.Contains "DhcpIpv4") "and runs no DHCP client"

            testCase "add_dhcp_request refuses 0 and 255, and a code added once ipv4_of_dhcp's code is written"
            <| fun () ->
                let requests = make_dhcp_requests ()

                for code in [ 0; 255; -1; 300 ] do
                    let e =
                        Expect.throwsC (fun () -> add_dhcp_request (requests, code)) id :?> ArgumentException

                    Expect.stringContains e.Message $"invalid DHCP option code {code}, expected 1 to 254" "says why"

                add_dhcp_request (requests, 1)
                add_dhcp_request (requests, 254)
                let net = default_network
                let eth = ethif net
                let arp = arp eth
                let dhcp = ipv4_of_dhcp (net, eth, arp, dhcp_requests = requests)

                let main, _ =
                    Mirage.Tests.Engine.SameIR.emittedFor lease (dhcp_proj_lease $ dhcp) "unix" []

                Expect.stringContains main "new byte[] { 1, 254 }" "both asked for"

                let late =
                    Expect.throwsC (fun () -> add_dhcp_request (requests, 42)) id :?> ArgumentException

                Expect.stringContains late.Message "added too late" "too late"
        ]
