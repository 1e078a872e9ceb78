/// Our own stack's devices from the F# DSL: the connect code configure emits for netif, ethif, arp,
/// create_ipv4, create_ipv6, create_ipv4v6 and direct_udp, their runtime arguments and the runtime
/// library they add; the generated main.cs compiles against the runtime.
module Mirage.Tests.Dsl.TcpipDevicesTests

open Expecto
open Mirage
open type Mirage.Dsl

/// UDP over IPv4 and IPv6 over ARP, Ethernet and `net`, as the udp-echo sample builds it.
let udpOver (net: network impl) (group: string option) =
    let eth = ethif net
    let ipv4 = create_ipv4 (eth, arp eth, ?group = group)
    let ipv6 = create_ipv6 (net, eth, ?group = group)
    direct_udp (create_ipv4v6 (ipv4, ipv6, ?group = group))

let private generate (udp: udpv4v6 impl) =
    Mirage.Tests.Engine.SameIR.emittedFor udpv4v6 udp "unix" []

/// The errors of compiling main.cs, with a job over IUdp, against Mirage.Runtime and Mirage.Runtime.Tcpip.
let private compileErrors (main: string) =
    Mirage.Tests.Support.GeneratedMain.compileErrorsWith
        [ typeof<Mirage.Runtime.Tcpip.Devices.TapNetif>.Assembly.Location ]
        main
        "Mirage.Runtime.Network.IUdp"

[<Tests>]
let tests =
    testList
        "Dsl.Tcpip"
        [
            testCase "each layer connects over the one below, with upstream's runtime arguments and defaults"
            <| fun () ->
                let main, project = generate (udpOver default_network None)

                for expected in
                    [
                        "cli.Add(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Interface(\"tap0\", \"interface\"))"
                        "cli.Add(Mirage.Runtime.Network.NetworkArgs.Ipv4(\"10.0.0.2/24\", \"\"))"
                        "cli.Add(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Ipv4Gateway(\"10.0.0.1\", \"\"))"
                        "cli.Add(Mirage.Runtime.Network.NetworkArgs.Ipv6(null, \"\"))"
                        "cli.Add(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Ipv6Gateway(\"\"))"
                        "cli.Add(Mirage.Runtime.Tcpip.Stack.TcpipArgs.AcceptRouterAdvertisements(\"\"))"
                        "= Mirage.Runtime.Tcpip.Devices.TapNetif.Connect(arg_interface.Value);"
                        "= Mirage.Runtime.Tcpip.Devices.Ethif.Connect(tap_netif_"
                        "= Mirage.Runtime.Tcpip.Devices.Arpv4.Connect(ethif_"
                        ", arg_ipv4.Value, arg_ipv4_gateway.Value, arg_ipv6_only.Value);"
                        ", arg_ipv6.Value, arg_ipv6_gateway.Value, arg_accept_router_advertisements.Value, arg_ipv4_only.Value);"
                        ", arg_ipv4_only.Value, arg_ipv6_only.Value);"
                        "= Mirage.Runtime.Tcpip.Devices.DirectUdp.Connect(ipv4v6_"
                    ] do
                    Expect.stringContains main expected "in main.cs"

                Expect.stringContains main "Mirage.Runtime.Tcpip.Devices.StaticIpv4.Connect(ethif_" "IPv4 over Ethernet"

                Expect.stringContains
                    main
                    "Mirage.Runtime.Tcpip.Devices.DirectIpv6.Connect(tap_netif_"
                    "IPv6 over the interface"

                Expect.stringContains main "Mirage.Runtime.Tcpip.Devices.Ipv4V6.Connect(static_ipv4_" "both families"

                Expect.stringContains
                    project
                    "Mirage.Runtime.Tcpip/Mirage.Runtime.Tcpip.csproj"
                    "the stack's runtime library is referenced"

                Expect.isEmpty (compileErrors main) "main.cs compiles against the runtime"

            testCase "one interface, one Ethernet layer: each layer is connected once"
            <| fun () ->
                let main, _ = generate (udpOver default_network None)

                for connect in [ "TapNetif.Connect("; "Ethif.Connect("; "Arpv4.Connect(" ] do
                    let count = main.Split(connect).Length - 1
                    Expect.equal count 1 $"{connect} once"

            testCase "netif names its default, a group prefixes every runtime argument"
            <| fun () ->
                let main, _ =
                    generate (udpOver (netif ("tap7", group = "private")) (Some "private"))

                for expected in
                    [
                        "TcpipArgs.Interface(\"tap7\", \"private-interface\")"
                        "NetworkArgs.Ipv4(\"10.0.0.2/24\", \"private\")"
                        "TcpipArgs.Ipv4Gateway(\"10.0.0.1\", \"private\")"
                        "NetworkArgs.Ipv6Only(\"private\")"
                        "TcpipArgs.AcceptRouterAdvertisements(\"private\")"
                    ] do
                    Expect.stringContains main expected "grouped"

                Expect.isFalse (main.Contains "\"tap0\"") "no tap0"
                Expect.isEmpty (compileErrors main) "main.cs compiles"

            testCase "a UDP-only unikernel on the direct devices needs no socket stack and no net key"
            <| fun () ->
                let main, project = generate (udpOver default_network None)
                Expect.isFalse (main.Contains "Sockets.") "no socket stack"
                Expect.isFalse (project.Contains "AspNetCore") "no ASP.NET Core"
        ]
