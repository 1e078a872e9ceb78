/// Our own stack's devices in the C# facade against their F# twins: the same IR and the same code.
module Mirage.Tests.Facade.TcpipFacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var main = Main("Unikernel.Echo", Typ.UdpV4V6.To(Typ.UdpV4V6.To(Typ.Job)));"""
            """var net = Devices.DefaultNetwork();"""
            """var eth = Devices.Ethif(net);"""
            """var udp = Devices.DirectUdp(Devices.CreateIpv4V6(Devices.CreateIpv4(eth, Devices.Arp(eth)), Devices.CreateIpv6(net, eth)));"""
            """var net2 = Devices.Netif("tap9", group: "b");"""
            """var eth2 = Devices.Ethif(net2);"""
            """var udp2 = Devices.DirectUdp(Devices.CreateIpv4V6(Devices.CreateIpv4(eth2, Devices.Arp(eth2), group: "b"), Devices.CreateIpv6(net2, eth2, group: "b"), group: "b"));"""
            """return Register("echo", [main.Apply(udp).Apply(udp2)]);"""
        ]

let private fsharp () =
    let main = Dsl.main ("Unikernel.Echo", Dsl.udpv4v6 @-> Dsl.udpv4v6 @-> Dsl.job)

    let udp = Mirage.Tests.Dsl.TcpipDevicesTests.udpOver Dsl.default_network None

    let udp2 =
        Mirage.Tests.Dsl.TcpipDevicesTests.udpOver (Dsl.netif ("tap9", group = "b")) (Some "b")

    Mirage.Devices.Catalogue.Register("echo", [| (main $ udp $ udp2).Impl |])

let private csharpStack =
    configBuilding
        [
            """var main = Main("Unikernel.Stacks", Typ.StackV4V6.To(Typ.StackV4V6.To(Typ.TcpV4V6.To(Typ.Job))));"""
            """var net = Devices.Netif("tap9", group: "b");"""
            """var eth = Devices.Ethif(net);"""
            """var arp = Devices.Arp(eth);"""
            """var stack = Devices.DirectStackV4V6(net, eth, arp, Devices.CreateIpv4(eth, arp, group: "b"), Devices.CreateIpv6(net, eth, group: "b"), group: "b");"""
            """var tcp = Devices.DirectTcp(Devices.CreateIpv4V6(Devices.DhcpProjIpv4().Apply(Devices.Ipv4OfDhcp(net, eth, arp)), Devices.CreateIpv6(net, eth)));"""
            """return Register("stacks", [main.Apply(stack).Apply(Devices.GenericStackV4V6(group: "g")).Apply(tcp)]);"""
        ]

let private fsharpStack () =
    let main =
        Dsl.main ("Unikernel.Stacks", Dsl.stackv4v6 @-> Dsl.stackv4v6 @-> Dsl.tcpv4v6 @-> Dsl.job)

    let net = Dsl.netif ("tap9", group = "b")
    let eth = Dsl.ethif net
    let arp = Dsl.arp eth

    let stack =
        Dsl.direct_stackv4v6 (
            net,
            eth,
            arp,
            Dsl.create_ipv4 (eth, arp, group = "b"),
            Dsl.create_ipv6 (net, eth, group = "b"),
            group = "b"
        )

    let tcp =
        Dsl.direct_tcp (
            Dsl.create_ipv4v6 (Dsl.dhcp_proj_ipv4 $ Dsl.ipv4_of_dhcp (net, eth, arp), Dsl.create_ipv6 (net, eth))
        )

    Mirage.Devices.Catalogue.Register("stacks", [| (main $ stack $ Dsl.generic_stackv4v6 (group = "g") $ tcp).Impl |])

let private csharpLease =
    configBuilding
        [
            """var requests = Devices.MakeDhcpRequests();"""
            """Devices.AddDhcpRequest(requests, 42);"""
            """var (stack, lease) = Devices.GenericStackV4V6WithLease(dhcpRequests: requests);"""
            """var happyEyeballs = Devices.GenericHappyEyeballs().Apply(stack);"""
            """var dns = Devices.GenericDnsClient(dhcp: (requests, lease)).Apply(stack).Apply(happyEyeballs);"""
            """var main = Main("Unikernel.Main", Typ.DnsClient.To(Typ.Resolver.To(Typ.Job)));"""
            """return Register("lease", [main.Apply(dns).Apply(Devices.ResolverDns(stack, dhcp: (requests, lease)))]);"""
        ]

let private fsharpLease () =
    let dns, resolver = Mirage.Tests.Dsl.DhcpDevicesTests.leaseReaders ()
    let main = Dsl.main ("Unikernel.Main", Dsl.dns_client @-> Dsl.resolver @-> Dsl.job)
    Mirage.Devices.Catalogue.Register("lease", [| (main $ dns $ resolver).Impl |])

[<Tests>]
let tests =
    testList
        "Facade.Tcpip"
        [
            testCase "Netif, Ethif, Arp, CreateIpv4, CreateIpv6, CreateIpv4V6 and DirectUdp emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "unix" []
                Expect.equal (main, project) (emitted fromFSharp "unix" []) "same main.cs and project"
                Expect.stringContains main "TcpipArgs.Interface(\"tap9\", \"b-interface\")" "the second interface"

            testCase "an IPv4 layer is no Ethernet layer: the facade's types catch it"
            <| fun () ->
                let code, _, message =
                    singleError (
                        csharp.Replace("Devices.Arp(eth)", "Devices.Arp(Devices.CreateIpv4(eth, Devices.Arp(eth)))")
                    )

                Expect.equal code "CS1503" $"a type error ({message})"
                Expect.stringContains message "Ethernet" "names the expected type"

            testCase
                "DirectStackV4V6, DirectTcp, Ipv4OfDhcp and GenericStackV4V6 (with --net=direct, --dhcp) emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharpStack
                let fromFSharp = fsharpStack ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"

                for keys in [ []; [ "g-net", "direct" ]; [ "g-net", "direct"; "g-dhcp", "true" ] ] do
                    let main, project = emitted fromCSharp "unix" keys

                    Expect.equal
                        (main, project)
                        (emitted fromFSharp "unix" keys)
                        $"same main.cs and project with {keys}"

                let direct, _ = emitted fromCSharp "unix" [ "g-net", "direct" ]
                Expect.equal (direct.Split("DirectStackV4V6.Connect(").Length - 1) 2 "our stack, twice"
                Expect.isFalse (direct.Contains "SocketStack") "no socket stack with --net=direct"

            testCase
                "MakeDhcpRequests, GenericStackV4V6WithLease, GenericDnsClient(dhcp:) and ResolverDns(dhcp:) emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharpLease
                let fromFSharp = fsharpLease ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"

                for keys in [ []; [ "net", "direct" ]; [ "net", "direct"; "dhcp", "true" ] ] do
                    Expect.equal
                        (emitted fromCSharp "unix" keys)
                        (emitted fromFSharp "unix" keys)
                        $"same main.cs and project with {keys}"

                let dhcp, _ = emitted fromCSharp "unix" [ "net", "direct"; "dhcp", "true" ]
                Expect.stringContains dhcp "new byte[] { 6, 42 }" "the requests of both"
        ]
