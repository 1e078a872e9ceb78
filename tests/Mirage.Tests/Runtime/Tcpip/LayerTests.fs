module Mirage.Tests.Runtime.Tcpip.LayerTests

open System
open System.Collections.Concurrent
open System.Net
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Arp
open Mirage.Runtime.Tcpip.Dhcp
open Mirage.Runtime.Tcpip.Icmp
open Mirage.Runtime.Tcpip.Ipv4
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.Support

let private dispose (stacks: DirectStack list) =
    task {
        for s in stacks do
            do! s.DisposeAsync()
    }

/// B echoes every datagram to port 7 back to its sender's port.
let private echoOn (stack: DirectStack) =
    stack.Udp.Listen(
        7,
        UdpHandler(fun d ->
            let copy = d.Payload.ToArray()

            task {
                let! _ =
                    stack.Udp.WriteAsync(IPEndPoint(d.Source, d.SourcePort), ReadOnlyMemory copy, d.Destination, 7)

                return ()
            }
            |> ValueTask)
    )
    |> ignore

/// Sends <paramref name="count"/> numbered datagrams from A to B's echo port, each retried until its echo
/// comes back; returns the echoes received (by number).
let private exchange (a: DirectStack) (peer: IPAddress) (count: int) (size: int) =
    task {
        let echoed = ConcurrentDictionary<int, byte array>()

        a.Udp.Listen(
            5000,
            UdpHandler(fun d ->
                let bytes = d.Payload.ToArray()

                if bytes.Length >= 4 then
                    echoed.TryAdd(BitConverter.ToInt32(bytes, 0), bytes) |> ignore

                ValueTask.CompletedTask)
        )
        |> ignore

        for i in 0 .. count - 1 do
            let payload = Array.init size (fun j -> byte (i + j))
            BitConverter.GetBytes(i).CopyTo(payload, 0)
            let mutable tries = 0

            while not (echoed.ContainsKey i) && tries < 40 do
                let! _ =
                    a.Udp.WriteAsync(IPEndPoint(peer, 7), ReadOnlyMemory payload, sourcePort = 5000)

                let! _ = waitUntil 0.05 (fun () -> echoed.ContainsKey i)
                tries <- tries + 1

        return echoed
    }

let private expected i size =
    let payload = Array.init size (fun j -> byte (i + j))
    BitConverter.GetBytes(i: int).CopyTo(payload, 0)
    payload

let private ipv4Fragment
    (dst: MacAddress)
    (src: MacAddress)
    (offset: int)
    (more: bool)
    (id: uint16)
    (data: byte array)
    =
    let frame =
        Array.zeroCreate (EthernetHeader.Length + Ipv4Header.MinLength + data.Length)

    EthernetHeader(dst, src, EtherTypes.Ipv4).TryWrite(Span frame) |> ignore

    Ipv4Header(
        0uy,
        Ipv4Header.MinLength + data.Length,
        id,
        false,
        more,
        offset,
        64uy,
        IpProtocols.Udp,
        0x0A000009u,
        0x0A000003u
    )
        .TryWrite(Span(frame, EthernetHeader.Length, frame.Length - EthernetHeader.Length))
    |> ignore

    data.CopyTo(frame, EthernetHeader.Length + Ipv4Header.MinLength)
    frame

/// A UDP datagram from 10.0.0.9:1234 to 10.0.0.3:7000 with a valid checksum.
let private udpDatagram (size: int) =
    let datagram = Array.init (UdpHeader.HeaderLength + size) byte

    let pseudo =
        Checksum.PseudoHeaderV4(0x0A000009u, 0x0A000003u, IpProtocols.Udp, datagram.Length)

    UdpHeader(1234us, 7000us, datagram.Length).TryWrite(Span datagram, pseudo)
    |> ignore

    datagram

let private inject (stack: DirectStack) (frames: byte array list) =
    task {
        for f in frames do
            do! stack.Ethernet.InputAsync(ReadOnlyMemory f)
    }

let private listenCount (stack: DirectStack) port =
    let got = ConcurrentQueue<byte array>()

    stack.Udp.Listen(
        port,
        UdpHandler(fun d ->
            got.Enqueue(d.Payload.ToArray())
            ValueTask.CompletedTask)
    )
    |> ignore

    got

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.Layers"
        [
            testTask "ARP resolves the peer's address, and the answer is cached" {
                let! (network: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks FaultProfile.None 1

                let! mac = a.Arp.QueryAsync(ip "10.0.0.3")
                Expect.equal mac (Nullable b.Netif.Mac) "B's Ethernet address"
                // B either answers A's request or, while A's request is pending, announces itself at start
                // (RFC 826's merge lets A take either): both are B's ARP.
                Expect.isGreaterThanOrEqual
                    (b.Arp.Counts[ArpCount.RepliesSent] + b.Arp.Counts[ArpCount.RequestsSent])
                    1L
                    "B answered or announced itself"

                let sent = a.Arp.Counts[ArpCount.RequestsSent]
                let! again = a.Arp.QueryAsync(ip "10.0.0.3")
                Expect.equal again (Nullable b.Netif.Mac) "still B"
                Expect.equal (a.Arp.Counts[ArpCount.RequestsSent]) sent "no new request: cached"
                let! nobody = a.Arp.QueryAsync(ip "10.0.0.77")
                Expect.isFalse nobody.HasValue "nobody has 10.0.0.77 (after three probes)"
                do! dispose [ a; b ]
                ignore network
            }

            testTask "ping over IPv4 and IPv6 (global and link-local) both ways" {
                let! (_: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks FaultProfile.None 2

                let! readyA = ipv6Ready a
                let! readyB = ipv6Ready b
                Expect.isTrue (readyA && readyB) "duplicate address detection finished"
                let pingA = EchoClient.Connect(a.Ip)
                let pingB = EchoClient.Connect(b.Ip)
                let! (v4: Nullable<TimeSpan>) = pingA.PingAsync(ip "10.0.0.3")
                let! (v6: Nullable<TimeSpan>) = pingA.PingAsync(ip "fd00::3")

                let linkLocalB =
                    b.Ipv6.ConfiguredAddresses |> Seq.find (fun p -> p.Address.IsIPv6LinkLocal)

                let! (local: Nullable<TimeSpan>) = pingA.PingAsync(linkLocalB.Address)
                let! (back: Nullable<TimeSpan>) = pingB.PingAsync(ip "fd00::2", 1000)
                Expect.isTrue v4.HasValue "IPv4 echo reply"
                Expect.isTrue v6.HasValue "IPv6 echo reply"
                Expect.isTrue local.HasValue "link-local echo reply"
                Expect.isTrue back.HasValue "B pings A"
                Expect.equal (b.Ipv4.Counts[Ipv4Count.EchoReplies]) 1L "one IPv4 echo answered"
                do! dispose [ a; b ]
            }

            testTask "UDP exchange under 10% loss, reordering and duplication, both families" {
                let faults =
                    FaultProfile(
                        Loss = 0.1,
                        Duplication = 0.1,
                        Reordering = 0.1,
                        Jitter = TimeSpan.FromMilliseconds 2.0
                    )

                let! (network: MemorySwitch), (a: DirectStack), (b: DirectStack) = twoStacks faults 3
                let! _ = ipv6Ready a
                let! _ = ipv6Ready b
                echoOn b
                let! (v4: ConcurrentDictionary<int, byte array>) = exchange a (ip "10.0.0.3") 100 200
                a.Udp.Unlisten 5000
                let! (v6: ConcurrentDictionary<int, byte array>) = exchange a (ip "fd00::3") 100 200

                for echoed in [ v4; v6 ] do
                    Expect.equal echoed.Count 100 "every datagram echoed (after retries)"

                    for i in 0..99 do
                        Expect.sequenceEqual echoed.[i] (expected i 200) "byte-exact"

                Expect.isGreaterThan network.Dropped 0L "the switch lost frames"
                do! dispose [ a; b ]
            }

            testTask "datagrams larger than the MTU are fragmented and reassembled, both families, under reordering" {
                let! (network: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks (FaultProfile(Reordering = 0.5)) 4

                let! _ = ipv6Ready a
                let! _ = ipv6Ready b
                echoOn b
                let! (v4: ConcurrentDictionary<int, byte array>) = exchange a (ip "10.0.0.3") 3 5000
                a.Udp.Unlisten 5000
                let! (v6: ConcurrentDictionary<int, byte array>) = exchange a (ip "fd00::3") 3 5000

                for echoed in [ v4; v6 ] do
                    for i in 0..2 do
                        Expect.sequenceEqual echoed.[i] (expected i 5000) "5000 bytes, whole"

                Expect.isGreaterThanOrEqual (b.Ipv4.Counts[Ipv4Count.Reassembled]) 3L "IPv4 reassembled"

                Expect.isGreaterThanOrEqual
                    (b.Ipv6.Counts[Mirage.Runtime.Tcpip.Ipv6.Ipv6Count.Reassembled])
                    3L
                    "IPv6 reassembled"

                ignore network
                do! dispose [ a; b ]
            }

            testTask "out-of-order fragments are reassembled; overlapping ones drop the datagram" {
                let! (_: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks FaultProfile.None 5

                let got = listenCount b 7000
                let datagram = udpDatagram 2992

                let piece n =
                    datagram[n * 1000 .. min (n * 1000 + 999) (datagram.Length - 1)]

                let frag = ipv4Fragment b.Netif.Mac a.Netif.Mac

                do!
                    inject
                        b
                        [
                            frag 2000 false 1us (piece 2)
                            frag 0 true 1us (piece 0)
                            frag 1000 true 1us (piece 1)
                        ]

                let! arrived = waitUntil 2.0 (fun () -> got.Count = 1)
                Expect.isTrue arrived "delivered once complete"
                Expect.sequenceEqual (got.ToArray().[0]) datagram.[8..] "in order, whole"
                // Overlap: bytes 800..1799 contradict the first fragment's 800..999.
                do!
                    inject
                        b
                        [
                            frag 0 true 2us (piece 0)
                            frag 800 true 2us datagram[800..1799]
                            frag 1000 true 2us (piece 1)
                            frag 2000 false 2us (piece 2)
                        ]

                do! Task.Delay 100
                Expect.equal got.Count 1 "the overlapping datagram is not delivered"
                Expect.isGreaterThanOrEqual (b.Ipv4.Counts[Ipv4Count.FragmentsDropped]) 1L "counted"
                // An exact duplicate is ignored, not fatal.
                do!
                    inject
                        b
                        [
                            frag 0 true 3us (piece 0)
                            frag 0 true 3us (piece 0)
                            frag 1000 true 3us (piece 1)
                            frag 2000 false 3us (piece 2)
                        ]

                let! second = waitUntil 2.0 (fun () -> got.Count = 2)
                Expect.isTrue second "delivered despite a duplicate fragment"
                do! dispose [ a; b ]
            }

            testTask "DHCP: our client gets its address, gateway and DNS servers from our server, in memory" {
                let! (network: MemorySwitch), (server: DirectStack), (dhcp: DhcpServer) =
                    dhcpServer 6

                let! (client: DirectStack) =
                    DirectStack.ConnectAsync(
                        network.Connect(),
                        DirectStackOptions(
                            Dhcp = true,
                            TickInterval = TimeSpan.FromMilliseconds 20.0,
                            DhcpTimeout = TimeSpan.FromSeconds 10.0
                        )
                    )

                let lease = client.Lease
                Expect.equal lease.Address (prefix "10.0.0.100/24") "the first address of the pool, /24"
                Expect.equal lease.Gateway (ip "10.0.0.1") "the gateway"
                Expect.sequenceEqual lease.DnsServers [ ip "10.0.0.53" ] "the DNS servers"
                Expect.equal dhcp.Bindings.[client.Netif.Mac] (ip "10.0.0.100") "the server's binding"

                let! (ping: Nullable<TimeSpan>) =
                    EchoClient.Connect(server.Ip).PingAsync(ip "10.0.0.100")

                Expect.isTrue ping.HasValue "the client answers on its leased address"
                do! dispose [ client; server ]
            }

            testCase "DHCP client: renews at T1 by unicast, rebinds at T2 by broadcast, starts over at expiry"
            <| fun () ->
                let mac = MacAddress.LocalFrom 7UL
                let client = DhcpClient(mac, 1)
                let discover = client.Start 0L
                Expect.equal discover.Message.Type DhcpMessageType.Discover "discover"
                let xid = client.TransactionId

                let reply kind =
                    DhcpMessage(
                        true,
                        xid,
                        mac,
                        kind,
                        YourIp = 0x0A000064u,
                        ServerIdentifier = 0x0A000001u,
                        LeaseSeconds = 100u,
                        SubnetMask = 0xFFFFFF00u
                    )

                let offer = reply DhcpMessageType.Offer

                let mutable changed = false
                let request = client.Handle(10L, offer, &changed)
                Expect.equal request.Value.Message.Type DhcpMessageType.Request "request"
                Expect.equal request.Value.Message.RequestedIp 0x0A000064u "the offered address"
                client.Handle(20L, reply DhcpMessageType.Ack, &changed) |> ignore
                Expect.isTrue changed "lease acquired"
                Expect.equal client.Phase DhcpPhase.Bound "bound"
                Expect.isNull (box (client.Tick(49_000L, &changed))) "nothing before T1 (50 s)"
                let renew = client.Tick(50_020L, &changed)
                Expect.equal client.Phase DhcpPhase.Renewing "renewing at T1"
                Expect.equal renew.Value.Server 0x0A000001u "unicast to the server"
                Expect.equal renew.Value.Message.ClientIp 0x0A000064u "from our address"
                let rebind = client.Tick(87_520L, &changed)
                Expect.equal client.Phase DhcpPhase.Rebinding "rebinding at T2 (87.5 s)"
                Expect.equal rebind.Value.Server 0u "broadcast"
                let restart = client.Tick(100_020L, &changed)
                Expect.isTrue changed "lease lost at expiry"
                Expect.isNull (box client.Lease) "no lease"
                Expect.equal restart.Value.Message.Type DhcpMessageType.Discover "discovering again"

            testCase "invalid gateway message names --ipv4-gateway"
            <| fun () ->
                let problem = Ipv4Config(prefix "10.0.0.2/24", ip "192.168.1.1").Validate()
                Expect.stringContains problem "--ipv4-gateway" "names the argument"
                Expect.stringContains problem "10.0.0.0/24" "names the network"
        ]
