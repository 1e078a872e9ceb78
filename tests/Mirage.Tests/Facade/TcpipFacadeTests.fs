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
        ]
