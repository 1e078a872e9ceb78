/// ipv4_of_dhcp's layer (DhcpIpv4Layer) built one device at a time as the generated code does, against our DHCP
/// server in memory: the lease configures IPv4, UDP above it still serves every other port, and the lease is renewed
/// at T1 over the wire, time passed in.
module Mirage.Tests.Runtime.Tcpip.DhcpLayerTests

open System
open System.Net
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Arp
open Mirage.Runtime.Tcpip.Dhcp
open Mirage.Runtime.Tcpip.Ethernet
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Udp
open Mirage.Tests.Runtime.Fakes
open Mirage.Tests.Runtime.Tcpip.Support

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.DhcpLayer"
        [
            testTask "ipv4_of_dhcp's layer: leased address, UDP above it on other ports, renewal at T1 (time passed in)" {
                let! (network: MemorySwitch), (server: DirectStack), (dhcp: DhcpServer) =
                    dhcpServer 11

                // The client, layer by layer, on a clock only the test moves.
                let clock = ManualTimeProvider(DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero))
                let netif = network.Connect()
                let ethernet = EthernetLayer.Connect netif
                let arp = ArpLayer.Connect(ethernet, clock)
                let ipv4 = DhcpIpv4Layer.Connect(ethernet, arp, clock, 5)
                let udp = UdpLayer.Connect(DualIp(ipv4, null))
                let stop = new Threading.CancellationTokenSource()

                let listening =
                    netif.ListenAsync(FrameHandler(fun frame -> ethernet.InputAsync frame), stop.Token)

                udp.Listen(
                    7,
                    UdpHandler(fun d ->
                        let copy = d.Payload.ToArray()

                        task {
                            let! _ =
                                udp.WriteAsync(
                                    IPEndPoint(d.Source, d.SourcePort),
                                    ReadOnlyMemory copy,
                                    d.Destination,
                                    7
                                )

                            return ()
                        }
                        |> ValueTask)
                )
                |> ignore

                ipv4.Start()
                let! (lease: DhcpLease) = ipv4.FirstLease.WaitAsync(TimeSpan.FromSeconds 10.0)
                Expect.equal lease.Address (prefix "10.0.0.100/24") "the pool's first address"
                Expect.equal ipv4.Ipv4.Config.Address (prefix "10.0.0.100/24") "IPv4 configured by the lease"
                Expect.equal ipv4.Ipv4.Config.Gateway (ip "10.0.0.1") "the gateway"
                Expect.sequenceEqual ipv4.ConfiguredAddresses [ prefix "10.0.0.100/24" ] "the address above"
                Expect.equal dhcp.Acks 1 "one ack"

                Expect.sequenceEqual
                    lease.Options.DnsServers
                    [ ip "10.0.0.53" ]
                    "the ack's options are the lease's: its DNS server, for the DNS client"

                // UDP above the layer: a datagram to port 7 is echoed (the DHCP client takes only 67 -> 68).
                let echoed = TaskCompletionSource<byte array>()

                server.Udp.Listen(
                    6000,
                    UdpHandler(fun d ->
                        echoed.TrySetResult(d.Payload.ToArray()) |> ignore
                        ValueTask.CompletedTask)
                )
                |> ignore

                let sent = "through the leased address"B
                let mutable tries = 0

                while not echoed.Task.IsCompleted && tries < 20 do
                    let! _ =
                        server.Udp.WriteAsync(IPEndPoint(ip "10.0.0.100", 7), ReadOnlyMemory sent, sourcePort = 6000)

                    let! _ = waitUntil 0.1 (fun () -> echoed.Task.IsCompleted)
                    tries <- tries + 1

                Expect.isTrue echoed.Task.IsCompleted "echoed"
                Expect.sequenceEqual echoed.Task.Result sent "the same bytes"

                // Nothing before T1 (5 minutes); at T1 the client renews by unicast and the server acks again.
                clock.Advance(TimeSpan.FromMinutes 4.0)
                ipv4.Tick()
                do! Task.Delay 50
                Expect.equal dhcp.Acks 1 "no renewal before T1"
                clock.Advance(TimeSpan.FromMinutes 1.0 + TimeSpan.FromSeconds 1.0)
                ipv4.Tick()
                let! renewed = waitUntil 5.0 (fun () -> dhcp.Acks = 2)
                Expect.isTrue renewed "renewed at T1"

                let! bound =
                    waitUntil 5.0 (fun () -> ipv4.Lease <> null && ipv4.Ipv4.Config.Address = prefix "10.0.0.100/24")

                Expect.isTrue bound "the same address, bound again"

                stop.Cancel()
                do! netif.DisconnectAsync()

                try
                    do! listening
                with :? OperationCanceledException ->
                    ()

                stop.Dispose()
                do! server.DisposeAsync()
            }
        ]
