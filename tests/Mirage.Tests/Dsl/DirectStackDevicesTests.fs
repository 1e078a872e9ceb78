/// Our own stack as one stackv4v6 from the F# DSL: direct_tcp and direct_stackv4v6 over the layer devices, and
/// generic_stackv4v6 choosing it with --net=direct (the host's sockets otherwise); the generated main.cs compiles
/// against the runtime.
module Mirage.Tests.Dsl.DirectStackDevicesTests

open Expecto
open Mirage
open type Mirage.Dsl

/// The direct stack over `net`, layer by layer, as generic_stackv4v6 builds it with --net=direct.
let stackOver (net: network impl) (group: string option) =
    let eth = ethif net
    let arp = arp eth
    let ipv4 = create_ipv4 (eth, arp, ?group = group)
    let ipv6 = create_ipv6 (net, eth, ?group = group)
    direct_stackv4v6 (net, eth, arp, ipv4, ipv6, ?group = group)

let private generate (stack: stackv4v6 impl) keys =
    Mirage.Tests.Engine.SameIR.emittedFor stackv4v6 stack "unix" keys

/// The errors of compiling main.cs, with a job over `job`, against Mirage.Runtime and Mirage.Runtime.Tcpip.
let private compileErrors job (main: string) =
    Mirage.Tests.Support.GeneratedMain.compileErrorsWith
        [ typeof<Mirage.Runtime.Tcpip.Devices.TapNetif>.Assembly.Location ]
        main
        job

let private count (text: string) (part: string) = text.Split(part).Length - 1

[<Tests>]
let tests =
    testList
        "Dsl.DirectStack"
        [
            testCase "direct_stackv4v6 joins the layers, UDP and TCP over one IP layer, each connected once"
            <| fun () ->
                let main, project = generate (stackOver default_network None) []

                for connect in
                    [
                        "TapNetif.Connect("
                        "Ethif.Connect("
                        "Arpv4.Connect("
                        "StaticIpv4.Connect("
                        "DirectIpv6.Connect("
                        "Ipv4V6.Connect("
                        "DirectUdp.Connect(ipv4v6_"
                        "DirectTcp.Connect(ipv4v6_"
                        "Mirage.Runtime.Tcpip.Devices.DirectStackV4V6.Connect(tap_netif_"
                    ] do
                    Expect.equal (count main connect) 1 $"{connect} once\n{main}"

                Expect.stringContains main ", arg_ipv4_only.Value, arg_ipv6_only.Value);" "the IP layer's arguments"
                Expect.isFalse (main.Contains "Sockets.") "no socket stack"
                Expect.stringContains project "Mirage.Runtime.Tcpip/Mirage.Runtime.Tcpip.csproj" "the stack's library"
                Expect.isEmpty (compileErrors "Mirage.Runtime.Network.IStackV4V6" main) "main.cs compiles"

            testCase "direct_tcp is a tcpv4v6 over an IP layer"
            <| fun () ->
                let net = default_network
                let eth = ethif net
                let ip = create_ipv4v6 (create_ipv4 (eth, arp eth), create_ipv6 (net, eth))

                let main, _ =
                    Mirage.Tests.Engine.SameIR.emittedFor tcpv4v6 (direct_tcp ip) "unix" []

                Expect.stringContains main "= Mirage.Runtime.Tcpip.Devices.DirectTcp.Connect(ipv4v6_" "TCP over IP"
                Expect.isEmpty (compileErrors "Mirage.Runtime.Network.ITcp" main) "main.cs compiles"

            testCase "generic_stackv4v6 is the socket stack by default and with --net=host, ours with --net=direct"
            <| fun () ->
                let byDefault, defaultProject = generate (generic_stackv4v6 ()) []
                Expect.stringContains byDefault "Sockets.SocketStack.Connect(" "sockets by default"
                Expect.isFalse (byDefault.Contains "Tcpip") "nothing of our stack"
                Expect.isFalse (defaultProject.Contains "Mirage.Runtime.Tcpip") "nor its library"
                let host, _ = generate (generic_stackv4v6 ()) [ "net", "host" ]
                Expect.equal host byDefault "host is the default"

                let direct, _ = generate (generic_stackv4v6 ()) [ "net", "direct" ]
                let layers, _ = generate (stackOver default_network None) []
                Expect.equal direct layers "direct is direct_stackv4v6 over netif tap0"
                let ocaml, _ = generate (generic_stackv4v6 ()) [ "net", "ocaml" ]
                Expect.equal ocaml direct "upstream's other spelling"

            testCase
                "generic_stackv4v6 with --net=direct --dhcp=true takes IPv4 from ipv4_of_dhcp's projections; --dhcp alone keeps sockets"
            <| fun () ->
                let main, _ = generate (generic_stackv4v6 ()) [ "net", "direct"; "dhcp", "true" ]
                let net = default_network
                let eth = ethif net
                let arp = arp eth
                let dhcp = ipv4_of_dhcp (net, eth, arp)
                let tap = dhcp_proj_net $ dhcp

                let layers, _ =
                    generate (direct_stackv4v6 (tap, eth, arp, dhcp_proj_ipv4 $ dhcp, create_ipv6 (tap, eth))) []

                Expect.equal main layers "direct_stackv4v6 over dhcp_proj_net and dhcp_proj_ipv4, as upstream"

                Expect.stringContains
                    main
                    "= await Mirage.Runtime.Tcpip.Devices.DhcpIpv4.ConnectAsync(tap_netif_"
                    "connects once a lease is bound"

                Expect.equal (count main "DhcpIpv4.ConnectAsync(") 1 "one DHCP client"

                Expect.stringContains
                    main
                    ", arg_ipv6_only.Value, null, cancellationToken);"
                    "--ipv6-only, no extra request, the stop"

                Expect.isFalse (main.Contains "StaticIpv4") "no static address"
                Expect.isFalse (main.Contains "NetworkArgs.Ipv4(") "no --ipv4"
                Expect.isEmpty (compileErrors "Mirage.Runtime.Network.IStackV4V6" main) "main.cs compiles"
                let socketDhcp, _ = generate (generic_stackv4v6 ()) [ "dhcp", "true" ]
                let byDefault, _ = generate (generic_stackv4v6 ()) []
                Expect.equal socketDhcp byDefault "sockets unless --net=direct"

                let staticDirect, _ =
                    generate (generic_stackv4v6 ()) [ "net", "direct"; "dhcp", "false" ]

                let direct, _ = generate (generic_stackv4v6 ()) [ "net", "direct" ]
                Expect.equal staticDirect direct "--dhcp=false is the default"

            testCase "a grouped generic_stackv4v6 with --GROUP-net=direct prefixes its interface and addresses"
            <| fun () ->
                let main, _ =
                    generate (generic_stackv4v6 (group = "inside")) [ "inside-net", "direct" ]

                for expected in
                    [
                        "TcpipArgs.Interface(\"tap0\", \"inside-interface\")"
                        "NetworkArgs.Ipv4(\"10.0.0.2/24\", \"inside\")"
                        "NetworkArgs.Ipv4Only(\"inside\")"
                    ] do
                    Expect.stringContains main expected "grouped"

                Expect.isEmpty (compileErrors "Mirage.Runtime.Network.IStackV4V6" main) "main.cs compiles"
        ]
