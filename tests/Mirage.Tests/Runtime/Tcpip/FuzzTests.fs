module Mirage.Tests.Runtime.Tcpip.FuzzTests

open System
open System.Buffers.Binary
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.Support

/// A neighbour solicitation for fd00::2 from <paramref name="source"/>, with its link-layer address.
let neighbourSolicitation (mac: MacAddress) (source: UInt128) =
    let peer = MacAddress.LocalFrom 0x99UL
    let target = UInt128(0xFD00_0000_0000_0000UL, 2UL)
    let group = Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.SolicitedNode target
    let body = Array.zeroCreate (IcmpHeader.Length + 24)
    BinaryPrimitives.WriteUInt128BigEndian(Span(body, IcmpHeader.Length, 16), target)
    NdpOptionReader.WriteLinkAddress(Span(body, IcmpHeader.Length + 16, 8), NdpOptionTypes.SourceLinkAddress, peer)

    IcmpHeader(IcmpHeader.NeighborSolicitation, 0uy, 0u)
        .TryWrite(Span body, Checksum.PseudoHeaderV6(source, group, IpProtocols.Icmpv6, body.Length))
    |> ignore

    let frame =
        Array.zeroCreate (EthernetHeader.Length + Ipv6Header.Length + body.Length)

    EthernetHeader(mac, peer, EtherTypes.Ipv6).TryWrite(Span frame) |> ignore

    Ipv6Header(0uy, 0u, body.Length, IpProtocols.Icmpv6, 255uy, source, group)
        .TryWrite(Span(frame, EthernetHeader.Length, Ipv6Header.Length))
    |> ignore

    body.CopyTo(frame, EthernetHeader.Length + Ipv6Header.Length)
    frame

/// Valid frames of every kind the stack handles, addressed to <paramref name="mac"/> (10.0.0.2, fd00::2):
/// the seeds the fuzzer mutates.
let templates (mac: MacAddress) =
    let peer = MacAddress.LocalFrom 0x99UL
    let src4, dst4 = 0x0A000009u, 0x0A000002u
    let src6 = UInt128(0xFD00_0000_0000_0000UL, 9UL)
    let dst6 = UInt128(0xFD00_0000_0000_0000UL, 2UL)

    let ethernet (dst: MacAddress) (ty: uint16) (payload: byte array) =
        let frame = Array.zeroCreate (EthernetHeader.Length + payload.Length)
        EthernetHeader(dst, peer, ty).TryWrite(Span frame) |> ignore
        payload.CopyTo(frame, EthernetHeader.Length)
        frame

    let ipv4 (protocol: byte) (offset: int) (more: bool) (body: byte array) =
        let packet = Array.zeroCreate (Ipv4Header.MinLength + body.Length)

        Ipv4Header(0uy, packet.Length, 7us, false, more, offset, 64uy, protocol, src4, dst4).TryWrite(Span packet)
        |> ignore

        body.CopyTo(packet, Ipv4Header.MinLength)
        ethernet mac EtherTypes.Ipv4 packet

    let ipv6 (dst: UInt128) (nextHeader: byte) (hopLimit: byte) (body: byte array) =
        let packet = Array.zeroCreate (Ipv6Header.Length + body.Length)

        Ipv6Header(0uy, 0u, body.Length, nextHeader, hopLimit, src6, dst).TryWrite(Span packet)
        |> ignore

        body.CopyTo(packet, Ipv6Header.Length)
        ethernet mac EtherTypes.Ipv6 packet

    let udp (pseudo: uint64) (port: uint16) (size: int) =
        let d = Array.init (UdpHeader.HeaderLength + size) byte
        UdpHeader(4000us, port, d.Length).TryWrite(Span d, pseudo) |> ignore
        d

    let icmp6 (dst: UInt128) (header: IcmpHeader) (body: byte array) =
        let m = Array.zeroCreate (IcmpHeader.Length + body.Length)
        body.CopyTo(m, IcmpHeader.Length)

        header.TryWrite(Span m, Checksum.PseudoHeaderV6(src6, dst, IpProtocols.Icmpv6, m.Length))
        |> ignore

        m

    let icmp4 (header: IcmpHeader) (size: int) =
        let m = Array.init (IcmpHeader.Length + size) byte
        header.TryWrite(Span m) |> ignore
        m

    let arp =
        let p = Array.zeroCreate ArpPacket.Length

        ArpPacket(ArpOperation.Request, peer, src4, MacAddress.Zero, dst4).TryWrite(Span p)
        |> ignore

        ethernet MacAddress.Broadcast EtherTypes.Arp p

    let nsBody =
        let b = Array.zeroCreate 24
        BinaryPrimitives.WriteUInt128BigEndian(Span b, dst6)
        NdpOptionReader.WriteLinkAddress(Span(b, 16, 8), NdpOptionTypes.SourceLinkAddress, peer)
        b

    let raBody =
        let b = Array.zeroCreate (8 + 8 + NdpPrefix.Length)
        NdpOptionReader.WriteLinkAddress(Span(b, 8, 8), NdpOptionTypes.SourceLinkAddress, peer)

        NdpPrefix(64, true, true, 3600u, 1800u, UInt128(0xFD01_0000_0000_0000UL, 0UL))
            .TryWrite(Span(b, 16, NdpPrefix.Length))
        |> ignore

        b

    let linkLocalRouter = UInt128(0xFE80_0000_0000_0000UL, 1UL)

    let ra =
        let body = raBody
        let m = Array.zeroCreate (IcmpHeader.Length + body.Length)
        body.CopyTo(m, IcmpHeader.Length)

        IcmpHeader(IcmpHeader.RouterAdvertisement, 0uy, 1800u)
            .TryWrite(
                Span m,
                Checksum.PseudoHeaderV6(
                    linkLocalRouter,
                    Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.AllNodes,
                    IpProtocols.Icmpv6,
                    m.Length
                )
            )
        |> ignore

        let packet = Array.zeroCreate (Ipv6Header.Length + m.Length)

        Ipv6Header(
            0uy,
            0u,
            m.Length,
            IpProtocols.Icmpv6,
            255uy,
            linkLocalRouter,
            Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.AllNodes
        )
            .TryWrite(Span packet)
        |> ignore

        m.CopyTo(packet, Ipv6Header.Length)
        ethernet (MacAddress.FromValue 0x333300000001UL) EtherTypes.Ipv6 packet

    let fragment6 =
        let f = Array.zeroCreate (Ipv6FragmentHeader.Length + 64)
        Ipv6FragmentHeader(IpProtocols.Udp, 0, true, 5u).TryWrite(Span f) |> ignore
        ipv6 dst6 Ipv6FragmentHeader.Protocol 64uy f

    let dhcp =
        let m =
            DhcpMessage(
                true,
                1u,
                mac,
                DhcpMessageType.Offer,
                YourIp = dst4,
                ServerIdentifier = src4,
                LeaseSeconds = 60u,
                DnsServers = [| src4 |]
            )

        let buffer = Array.zeroCreate m.MaxLength
        let n = m.Write(Span buffer)

        let pseudo =
            Checksum.PseudoHeaderV4(src4, UInt32.MaxValue, IpProtocols.Udp, UdpHeader.HeaderLength + n)

        let d = Array.zeroCreate (UdpHeader.HeaderLength + n)
        Array.blit buffer 0 d UdpHeader.HeaderLength n
        UdpHeader(67us, 68us, d.Length).TryWrite(Span d, pseudo) |> ignore
        ipv4 IpProtocols.Udp 0 false d

    [|
        arp
        ipv4 IpProtocols.Udp 0 false (udp (Checksum.PseudoHeaderV4(src4, dst4, IpProtocols.Udp, 108)) 7us 100)
        ipv4 IpProtocols.Udp 0 true (Array.init 64 byte)
        ipv4 IpProtocols.Udp 64 false (Array.init 40 byte)
        ipv4 IpProtocols.Icmp 0 false (icmp4 (IcmpHeader(IcmpHeader.EchoRequestV4, 0uy, 0x10001u)) 56)
        ipv4 99uy 0 false (Array.zeroCreate 20)
        ipv6 dst6 IpProtocols.Udp 64uy (udp (Checksum.PseudoHeaderV6(src6, dst6, IpProtocols.Udp, 108)) 7us 100)
        ipv6
            dst6
            IpProtocols.Icmpv6
            64uy
            (icmp6 dst6 (IcmpHeader(IcmpHeader.EchoRequestV6, 0uy, 0x10001u)) (Array.init 56 byte))
        ipv6
            (Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.SolicitedNode dst6)
            IpProtocols.Icmpv6
            255uy
            (icmp6
                (Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.SolicitedNode dst6)
                (IcmpHeader(IcmpHeader.NeighborSolicitation, 0uy, 0u))
                nsBody)
        ra
        fragment6
        dhcp
    |]

/// One frame: random bytes, or a template with a few random bytes changed, cut short or lengthened.
let mutate (random: Random) (seeds: byte array array) (buffer: byte array) =
    if random.Next 4 = 0 then
        let n = random.Next(0, 1600)
        random.NextBytes(Span(buffer, 0, n))
        n
    else
        let seed = seeds[random.Next seeds.Length]
        let mutable n = seed.Length
        seed.CopyTo(buffer, 0)

        for _ in 1 .. random.Next(0, 4) do
            buffer[random.Next n] <- byte (random.Next 256)

        match random.Next 8 with
        | 0 -> n <- random.Next(n + 1)
        | 1 ->
            let extra = random.Next(1, 64)
            random.NextBytes(Span(buffer, n, extra))
            n <- n + extra
        | 2 ->
            // Vary the fields that key caches (sender addresses, fragment identification) to flood them.
            BinaryPrimitives.WriteUInt32BigEndian(Span(buffer, 20, 4), uint32 (random.Next()))
        | _ -> ()

        n

/// Pushes <paramref name="count"/> mutated frames through a stack's receive path; returns the stack for checks.
let fuzz (count: int) (seed: int) =
    task {
        let network = MemorySwitch(TimeProvider.System, seed)

        let! stack =
            DirectStack.ConnectAsync(network.Connect(), optionsWith "10.0.0.2/24" "fd00::2/64" false true)

        stack.Udp.Listen(7, UdpHandler(fun _ -> ValueTask.CompletedTask)) |> ignore
        // Until duplicate address detection ends, fd00::2 is tentative: a fuzzed neighbour solicitation for it
        // would count as a duplicate, and packets to it are not ours yet.
        let! ready = ipv6Ready stack
        Expect.isTrue ready "IPv6 addresses configured before the fuzz"
        let seeds = templates stack.Netif.Mac
        let random = Random seed
        let buffer = Array.zeroCreate 2048

        for _ in 1..count do
            let n = mutate random seeds buffer
            do! stack.Ethernet.InputAsync(ReadOnlyMemory(buffer, 0, n))

        return stack
    }

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.Fuzz"
        [
            testTask "a million random and mutated frames: no exception escapes, memory and caches stay bounded" {
                GC.Collect()
                let before = GC.GetTotalMemory true
                let! (stack: DirectStack) = fuzz 1_000_000 12
                let after = GC.GetTotalMemory true
                Expect.isLessThan (after - before) (64L * 1024L * 1024L) "retained memory under 64 MiB"
                Expect.isLessThanOrEqual stack.Arp.CacheSize 256 "ARP cache bounded"
                Expect.isLessThanOrEqual stack.Ipv6.NeighbourCount 256 "neighbour cache bounded"
                Expect.isLessThanOrEqual stack.Ipv4.ReassemblyInProgress 16 "IPv4 reassembly bounded"
                let counts = stack.Ethernet.Counts

                Expect.isGreaterThan
                    (counts[Mirage.Runtime.Tcpip.Ethernet.EthernetCount.Malformed])
                    0L
                    "malformed frames counted"

                Expect.isGreaterThan
                    (stack.Ipv4.Counts[Mirage.Runtime.Tcpip.Ipv4.Ipv4Count.Malformed])
                    0L
                    "malformed IPv4 counted"

                Expect.isGreaterThan
                    (stack.Ipv4.Counts[Mirage.Runtime.Tcpip.Ipv4.Ipv4Count.Delivered])
                    0L
                    "valid packets still delivered"

                Expect.isGreaterThan
                    (stack.Ipv6.Counts[Mirage.Runtime.Tcpip.Ipv6.Ipv6Count.Delivered])
                    0L
                    "valid IPv6 packets still delivered"

                do! stack.DisposeAsync()
            }

            testTask "floods of ARP senders, neighbours and fragments stay within their bounds" {
                let network = MemorySwitch(TimeProvider.System)

                let! (stack: DirectStack) =
                    DirectStack.ConnectAsync(network.Connect(), staticOptions "10.0.0.2/24" "fd00::2/64")

                let seeds = templates stack.Netif.Mac
                let! _ = ipv6Ready stack

                for i in 1..20_000 do
                    do!
                        stack.Ethernet.InputAsync(
                            ReadOnlyMemory(
                                neighbourSolicitation
                                    stack.Netif.Mac
                                    (UInt128(0xFD00_0000_0000_0000UL, uint64 (1000 + i)))
                            )
                        )

                    for template in [ seeds[0]; seeds[2] ] do
                        let frame = Array.copy template

                        if template = seeds[0] then
                            // ARP sender address
                            BinaryPrimitives.WriteUInt32BigEndian(Span(frame, 28, 4), 0x0A010000u + uint32 i)
                        elif template = seeds[2] then
                            // IPv4 identification, header checksum fixed up
                            BinaryPrimitives.WriteUInt16BigEndian(Span(frame, 18, 2), uint16 i)
                            BinaryPrimitives.WriteUInt16BigEndian(Span(frame, 24, 2), 0us)

                            BinaryPrimitives.WriteUInt16BigEndian(
                                Span(frame, 24, 2),
                                Checksum.Compute(ReadOnlySpan(frame, 14, 20))
                            )

                        do! stack.Ethernet.InputAsync(ReadOnlyMemory frame)

                Expect.isLessThanOrEqual stack.Arp.CacheSize 256 "ARP cache bounded"
                Expect.isLessThanOrEqual stack.Ipv4.ReassemblyInProgress 16 "reassembly bounded"

                Expect.isGreaterThan
                    (stack.Ipv4.Counts[Mirage.Runtime.Tcpip.Ipv4.Ipv4Count.Fragments])
                    10_000L
                    "the fragments arrived"

                Expect.isLessThanOrEqual stack.Ipv6.NeighbourCount 256 "neighbour cache bounded"

                Expect.isGreaterThan
                    (stack.Ipv6.Counts[Mirage.Runtime.Tcpip.Ipv6.Ipv6Count.NeighborAdvertisementsSent])
                    10_000L
                    "the solicitations were valid"

                do! stack.DisposeAsync()
            }
        ]
