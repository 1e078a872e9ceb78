/// Our codecs against an independent decoder, PacketDotNet: it parses what we write, we parse what it writes.
module Mirage.Tests.Runtime.Tcpip.CodecTests

open System
open System.Buffers.Binary
open System.Net
open System.Net.NetworkInformation
open Expecto
open FsCheck
open FsCheck.FSharp
open PacketDotNet
open PacketDotNet.Utils
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Common
open Mirage.Runtime.Tcpip.Wire

/// Where PacketDotNet's NDP packets start in an ICMPv6 message.
let private ndpOffset = 0

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 200
    }

let private genBytes maxLength =
    Gen.choose (0, maxLength)
    |> Gen.bind (fun n -> Gen.arrayOfLength n (Gen.choose (0, 255) |> Gen.map byte))

let private genUInt32 = Gen.choose64 (0L, 0xFFFF_FFFFL) |> Gen.map uint32

let private genMac =
    Gen.choose64 (0L, 0xFFFF_FFFF_FFFFL)
    |> Gen.map (fun v -> MacAddress.FromValue(uint64 v))

/// Unicast IPv4 addresses (PacketDotNet does not care, but our parser refuses broadcast sources).
let private genV4 = Gen.choose64 (0x0100_0000L, 0xDFFF_FFFFL) |> Gen.map uint32

let private genV6 =
    Gen.zip (Gen.choose64 (0L, Int64.MaxValue)) (Gen.choose64 (0L, Int64.MaxValue))
    |> Gen.map (fun (hi, lo) -> UInt128(0xFD00_0000_0000_0000UL ||| uint64 hi &&& 0xFDFF_FFFF_FFFF_FFFFUL, uint64 lo))

let private genPort = Gen.choose (1, 65535) |> Gen.map uint16

let private physical (mac: MacAddress) =
    let b = Array.zeroCreate 6
    mac.Write(Span b)
    PhysicalAddress b

let private ofPhysical (p: PhysicalAddress) =
    MacAddress.Read(ReadOnlySpan(p.GetAddressBytes()))

let private v4Bytes (ipv4: IPv4Packet) = ipv4.Bytes

/// An IPv4 packet of ours around <paramref name="body"/>.
let private ourIpv4 src dst ttl id (protocol: byte) (body: byte array) =
    let packet = Array.zeroCreate (Ipv4Header.MinLength + body.Length)

    Ipv4Header(0uy, packet.Length, id, false, false, 0, ttl, protocol, src, dst).TryWrite(Span packet)
    |> ignore

    body.CopyTo(packet, Ipv4Header.MinLength)
    packet

let private ourUdp (pseudo: uint64) sport dport (payload: byte array) =
    let d = Array.zeroCreate (UdpHeader.HeaderLength + payload.Length)
    payload.CopyTo(d, UdpHeader.HeaderLength)
    UdpHeader(sport, dport, d.Length).TryWrite(Span d, pseudo) |> ignore
    d

let private ourIpv6 src dst (nextHeader: byte) (hop: byte) (body: byte array) =
    let packet = Array.zeroCreate (Ipv6Header.Length + body.Length)

    Ipv6Header(0uy, 0u, body.Length, nextHeader, hop, src, dst).TryWrite(Span packet)
    |> ignore

    body.CopyTo(packet, Ipv6Header.Length)
    packet

let private ourIcmp6 src dst (header: IcmpHeader) (body: byte array) =
    let m = Array.zeroCreate (IcmpHeader.Length + body.Length)
    body.CopyTo(m, IcmpHeader.Length)

    header.TryWrite(Span m, Checksum.PseudoHeaderV6(src, dst, IpProtocols.Icmpv6, m.Length))
    |> ignore

    m

/// Runs every parser on <paramref name="bytes"/>: each accepts or refuses, none throws.
let private parseAll (bytes: byte array) =
    EthernetHeader.TryParse(ReadOnlySpan bytes) |> ignore
    ArpPacket.TryParse(ReadOnlySpan bytes) |> ignore
    Ipv4Header.TryParse(ReadOnlySpan bytes) |> ignore
    Ipv6Header.TryParse(ReadOnlySpan bytes) |> ignore
    let mutable icmp = Unchecked.defaultof<IcmpHeader>
    IcmpHeader.TryParse(ReadOnlySpan bytes, &icmp) |> ignore
    UdpHeader.TryParse(ReadOnlySpan bytes, 0UL, true) |> ignore
    DhcpMessage.TryParse(ReadOnlySpan bytes) |> ignore
    Ipv6Extensions.TryWalk(0uy, ReadOnlySpan bytes) |> ignore
    let mutable reader = NdpOptionReader(ReadOnlySpan bytes)

    while reader.MoveNext() do
        ()

    true

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.Codecs"
        [
            testPropertyWithConfig config "Internet checksum: the vectorised sum agrees with RFC 1071's word by word"
            <| Prop.forAll (Arb.fromGen (Gen.zip (genBytes 3000) genUInt32)) (fun (data, start) ->
                let mutable naive = uint64 start

                for i in 0..2 .. data.Length - 1 do
                    let low = if i + 1 < data.Length then uint64 data[i + 1] else 0UL
                    naive <- naive + (uint64 data[i] <<< 8) + low

                let ones = Array.create data.Length 0xFFuy

                Checksum.Fold(Checksum.Add(uint64 start, ReadOnlySpan data)) = Checksum.Fold naive
                && Checksum.Compute(ReadOnlySpan ones) =
                    Checksum.Fold(
                        uint64 (data.Length / 2) * 0xFFFFUL
                        + (if data.Length % 2 = 1 then 0xFF00UL else 0UL)
                    ))

            testPropertyWithConfig config "Ethernet: PacketDotNet reads ours, we read PacketDotNet's"
            <| Prop.forAll (Arb.fromGen (Gen.zip3 genMac genMac (genBytes 100))) (fun (dst, src, payload) ->
                let frame = Array.zeroCreate (EthernetHeader.Length + payload.Length)
                EthernetHeader(dst, src, 0x88B5us).TryWrite(Span frame) |> ignore
                payload.CopyTo(frame, EthernetHeader.Length)
                let theirs = EthernetPacket(ByteArraySegment frame)

                let read =
                    ofPhysical theirs.DestinationHardwareAddress = dst
                    && ofPhysical theirs.SourceHardwareAddress = src
                    && uint16 theirs.Type = 0x88B5us

                let built =
                    EthernetPacket(
                        physical src,
                        physical dst,
                        LanguagePrimitives.EnumOfValue<uint16, EthernetType> 0x88B5us
                    )

                built.PayloadData <- payload
                let ok, ours = EthernetHeader.TryParse(ReadOnlySpan built.Bytes)
                read && ok && ours = EthernetHeader(dst, src, 0x88B5us))

            testPropertyWithConfig config "ARP: both ways"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        (Gen.zip genMac genV4)
                        (Gen.zip genMac genV4)
                        (Gen.elements [ ArpOperation.Request; ArpOperation.Reply ])
                ))
                (fun ((smac, sip), (tmac, tip), op) ->
                    let ours = ArpPacket(op, smac, sip, tmac, tip)
                    let bytes = Array.zeroCreate ArpPacket.Length
                    ours.TryWrite(Span bytes) |> ignore
                    let theirs = PacketDotNet.ArpPacket(ByteArraySegment bytes)

                    let read =
                        int theirs.Operation = int op
                        && ofPhysical theirs.SenderHardwareAddress = smac
                        && theirs.SenderProtocolAddress = Addresses.FromV4 sip
                        && ofPhysical theirs.TargetHardwareAddress = tmac
                        && theirs.TargetProtocolAddress = Addresses.FromV4 tip

                    let built =
                        PacketDotNet.ArpPacket(
                            LanguagePrimitives.EnumOfValue<uint16, PacketDotNet.ArpOperation>(uint16 op),
                            physical tmac,
                            Addresses.FromV4 tip,
                            physical smac,
                            Addresses.FromV4 sip
                        )

                    let ok, parsed = ArpPacket.TryParse(ReadOnlySpan built.Bytes)
                    read && ok && parsed = ours)

            testPropertyWithConfig config "IPv4 + UDP: checksums and fields agree both ways"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        (Gen.zip genV4 genV4)
                        (Gen.zip genPort genPort)
                        (Gen.zip3 (Gen.choose (1, 255)) (Gen.choose (0, 65535)) (genBytes 300))
                ))
                (fun ((src, dst), (sp, dp), (ttl, id, payload)) ->
                    let udp =
                        ourUdp
                            (Checksum.PseudoHeaderV4(
                                src,
                                dst,
                                IpProtocols.Udp,
                                UdpHeader.HeaderLength + payload.Length
                            ))
                            sp
                            dp
                            payload

                    let packet = ourIpv4 src dst (byte ttl) (uint16 id) IpProtocols.Udp udp
                    let theirs = IPv4Packet(ByteArraySegment packet)
                    let theirUdp = theirs.PayloadPacket :?> UdpPacket

                    let read =
                        theirs.ValidIPChecksum
                        && theirs.TimeToLive = ttl
                        && int theirs.Id = id
                        && theirUdp.ValidUdpChecksum
                        && theirUdp.SourcePort = sp
                        && theirUdp.DestinationPort = dp
                        && theirUdp.PayloadData = payload

                    let builtUdp = UdpPacket(sp, dp, PayloadData = payload)

                    let built =
                        IPv4Packet(
                            Addresses.FromV4 src,
                            Addresses.FromV4 dst,
                            PayloadPacket = builtUdp,
                            TimeToLive = ttl,
                            Id = uint16 id
                        )

                    built.UpdateCalculatedValues()
                    builtUdp.UpdateCalculatedValues()
                    builtUdp.UpdateUdpChecksum()
                    built.UpdateIPChecksum()
                    let bytes = built.Bytes
                    let ok, header = Ipv4Header.TryParse(ReadOnlySpan bytes)
                    let body = bytes[header.HeaderLength .. header.TotalLength - 1]

                    let udpOk, udpHeader =
                        UdpHeader.TryParse(
                            ReadOnlySpan body,
                            Checksum.PseudoHeaderV4(src, dst, IpProtocols.Udp, body.Length),
                            false
                        )

                    read
                    && ok
                    && header.Source = src
                    && header.Destination = dst
                    && int header.Ttl = ttl
                    && header.Protocol = IpProtocols.Udp
                    && udpOk
                    && udpHeader.SourcePort = sp
                    && udpHeader.DestinationPort = dp
                    && body[UdpHeader.HeaderLength ..] = payload)

            testPropertyWithConfig config "IPv4 fragments: PacketDotNet reads our offsets and flags"
            <| Prop.forAll
                (Arb.fromGen (Gen.zip (Gen.choose (0, 8000)) (Gen.elements [ true; false ])))
                (fun (units, more) ->
                    let packet = Array.zeroCreate (Ipv4Header.MinLength + 8)

                    Ipv4Header(
                        0uy,
                        packet.Length,
                        9us,
                        false,
                        more,
                        units * 8,
                        64uy,
                        IpProtocols.Udp,
                        0x0A000001u,
                        0x0A000002u
                    )
                        .TryWrite(Span packet)
                    |> ignore

                    let theirs = IPv4Packet(ByteArraySegment packet)
                    let ok, ours = Ipv4Header.TryParse(ReadOnlySpan packet)

                    theirs.FragmentOffset = units
                    && ((theirs.FragmentFlags &&& 1) = 1) = more
                    && ok
                    && ours.FragmentOffset = units * 8
                    && ours.MoreFragments = more)

            testPropertyWithConfig config "ICMPv4 echo: both ways"
            <| Prop.forAll (Arb.fromGen (Gen.zip3 genPort genPort (genBytes 200))) (fun (id, seq, data) ->
                let m = Array.zeroCreate (IcmpHeader.Length + data.Length)
                data.CopyTo(m, IcmpHeader.Length)

                IcmpHeader(IcmpHeader.EchoRequestV4, 0uy, IcmpHeader.EchoRest(id, seq)).TryWrite(Span m)
                |> ignore

                let theirs = IcmpV4Packet(ByteArraySegment m)

                let read =
                    theirs.ValidIcmpChecksum
                    && theirs.TypeCode = IcmpV4TypeCode.EchoRequest
                    && theirs.Id = id
                    && theirs.Sequence = seq

                let built = IcmpV4Packet(ByteArraySegment(Array.copy m))
                built.TypeCode <- IcmpV4TypeCode.EchoReply
                built.Sequence <- seq + 1us
                built.UpdateIcmpChecksum()
                let mutable ours = Unchecked.defaultof<IcmpHeader>
                let ok = IcmpHeader.TryParse(ReadOnlySpan built.Bytes, &ours)

                read
                && ok
                && ours.Type = IcmpHeader.EchoReplyV4
                && ours.Identifier = id
                && ours.Sequence = seq + 1us)

            testPropertyWithConfig config "IPv6 + UDP: both ways"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        (Gen.zip genV6 genV6)
                        (Gen.zip genPort genPort)
                        (Gen.zip (Gen.choose (1, 255)) (genBytes 300))
                ))
                (fun ((src, dst), (sp, dp), (hop, payload)) ->
                    let udp =
                        ourUdp
                            (Checksum.PseudoHeaderV6(
                                src,
                                dst,
                                IpProtocols.Udp,
                                UdpHeader.HeaderLength + payload.Length
                            ))
                            sp
                            dp
                            payload

                    let packet = ourIpv6 src dst IpProtocols.Udp (byte hop) udp
                    let theirs = IPv6Packet(ByteArraySegment packet)
                    let theirUdp = theirs.PayloadPacket :?> UdpPacket

                    let read =
                        theirs.SourceAddress = Addresses.FromV6 src
                        && theirs.DestinationAddress = Addresses.FromV6 dst
                        && theirs.HopLimit = hop
                        && theirUdp.ValidUdpChecksum
                        && theirUdp.PayloadData = payload

                    let builtUdp = UdpPacket(sp, dp, PayloadData = payload)

                    let built =
                        IPv6Packet(
                            Addresses.FromV6 src,
                            Addresses.FromV6 dst,
                            PayloadPacket = builtUdp,
                            HopLimit = hop
                        )

                    built.UpdateCalculatedValues()
                    builtUdp.UpdateCalculatedValues()
                    builtUdp.UpdateUdpChecksum()
                    let bytes = built.Bytes
                    let ok, header = Ipv6Header.TryParse(ReadOnlySpan bytes)
                    let body = bytes[Ipv6Header.Length .. Ipv6Header.Length + header.PayloadLength - 1]

                    let udpOk, udpHeader =
                        UdpHeader.TryParse(
                            ReadOnlySpan body,
                            Checksum.PseudoHeaderV6(src, dst, IpProtocols.Udp, body.Length),
                            true
                        )

                    read
                    && ok
                    && header.Source = src
                    && header.NextHeader = IpProtocols.Udp
                    && udpOk
                    && udpHeader.DestinationPort = dp)

            testPropertyWithConfig config "IPv6 fragment header: PacketDotNet reads ours"
            <| Prop.forAll
                (Arb.fromGen (Gen.zip3 (Gen.choose (0, 8000)) (Gen.elements [ true; false ]) genUInt32))
                (fun (units, more, id) ->
                    let f = Array.zeroCreate (Ipv6FragmentHeader.Length + 8)

                    Ipv6FragmentHeader(IpProtocols.Udp, units * 8, more, id).TryWrite(Span f)
                    |> ignore

                    let packet =
                        ourIpv6
                            (UInt128(0xFD00_0000_0000_0000UL, 1UL))
                            (UInt128(0xFD00_0000_0000_0000UL, 2UL))
                            Ipv6FragmentHeader.Protocol
                            64uy
                            f

                    let theirs = IPv6Packet(ByteArraySegment packet)
                    let fragment = theirs.ExtensionHeaders[0] :?> IPv6FragmentationExtensionHeader

                    let walked, protocol, offset, ours =
                        Ipv6Extensions.TryWalk(Ipv6FragmentHeader.Protocol, ReadOnlySpan f)

                    fragment.FragmentOffset = units
                    && fragment.More = more
                    && walked
                    && protocol = IpProtocols.Udp
                    && offset = Ipv6FragmentHeader.Length
                    && ours.Value = Ipv6FragmentHeader(IpProtocols.Udp, units * 8, more, id))

            testPropertyWithConfig config "ICMPv6 echo: PacketDotNet checks our checksum; we check its"
            <| Prop.forAll
                (Arb.fromGen (Gen.zip3 (Gen.zip genV6 genV6) (Gen.zip genPort genPort) (genBytes 200)))
                (fun ((src, dst), (id, seq), data) ->
                    let m =
                        ourIcmp6 src dst (IcmpHeader(IcmpHeader.EchoRequestV6, 0uy, IcmpHeader.EchoRest(id, seq))) data

                    let packet = ourIpv6 src dst IpProtocols.Icmpv6 64uy m
                    let theirs = IPv6Packet(ByteArraySegment packet)
                    let icmp = theirs.PayloadPacket :?> IcmpV6Packet
                    let read = icmp.ValidIcmpChecksum && icmp.Type = IcmpV6Type.EchoRequest
                    icmp.Code <- 0uy
                    m[0] <- IcmpHeader.EchoReplyV6
                    let built = IPv6Packet(ByteArraySegment(ourIpv6 src dst IpProtocols.Icmpv6 64uy m))
                    let builtIcmp = built.PayloadPacket :?> IcmpV6Packet
                    builtIcmp.UpdateIcmpChecksum()
                    let bytes = built.Bytes
                    let mutable ours = Unchecked.defaultof<IcmpHeader>

                    let ok =
                        IcmpHeader.TryParse(
                            ReadOnlySpan(bytes, Ipv6Header.Length, m.Length),
                            &ours,
                            Checksum.PseudoHeaderV6(src, dst, IpProtocols.Icmpv6, m.Length)
                        )

                    read
                    && ok
                    && ours.Type = IcmpHeader.EchoReplyV6
                    && ours.Identifier = id
                    && ours.Sequence = seq)

            testPropertyWithConfig
                config
                "NDP: PacketDotNet reads our solicitations, advertisements and router advertisements"
            <| Prop.forAll (Arb.fromGen (Gen.zip3 genV6 genMac (Gen.choose (0, 65535)))) (fun (target, mac, lifetime) ->
                let src = UInt128(0xFE80_0000_0000_0000UL, 1UL)
                let dst = Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing.AllNodes
                let nsBody = Array.zeroCreate 24
                BinaryPrimitives.WriteUInt128BigEndian(Span nsBody, target)
                NdpOptionReader.WriteLinkAddress(Span(nsBody, 16, 8), NdpOptionTypes.SourceLinkAddress, mac)

                let ns =
                    ourIcmp6 src dst (IcmpHeader(IcmpHeader.NeighborSolicitation, 0uy, 0u)) nsBody

                let nsTheirs =
                    NdpNeighborSolicitationPacket(ByteArraySegment(ns, ndpOffset, ns.Length - ndpOffset))

                let nsLink =
                    nsTheirs.OptionsCollection
                    |> Seq.exists (fun o ->
                        match o with
                        | :? Ndp.NdpLinkLayerAddressOption as l -> ofPhysical l.LinkLayerAddress = mac
                        | _ -> false)

                nsBody[16] <- NdpOptionTypes.TargetLinkAddress

                let na =
                    ourIcmp6
                        src
                        dst
                        (IcmpHeader(
                            IcmpHeader.NeighborAdvertisement,
                            0uy,
                            NdpMessage.SolicitedFlag ||| NdpMessage.OverrideFlag
                        ))
                        nsBody

                let naTheirs =
                    NdpNeighborAdvertisementPacket(ByteArraySegment(na, ndpOffset, na.Length - ndpOffset))

                let raBody = Array.zeroCreate (8 + NdpPrefix.Length)

                NdpPrefix(64, true, true, 3600u, 1800u, target &&& Addresses.MaskV6 64)
                    .TryWrite(Span(raBody, 8, NdpPrefix.Length))
                |> ignore

                let ra =
                    ourIcmp6
                        src
                        dst
                        (IcmpHeader(IcmpHeader.RouterAdvertisement, 0uy, (64u <<< 24) ||| uint32 lifetime))
                        raBody

                let raTheirs =
                    NdpRouterAdvertisementPacket(ByteArraySegment(ra, ndpOffset, ra.Length - ndpOffset))

                let prefix =
                    raTheirs.OptionsCollection
                    |> Seq.choose (fun o ->
                        match o with
                        | :? Ndp.NdpLinkPrefixInformationOption as p -> Some p
                        | _ -> None)
                    |> Seq.exactlyOne

                let icmpOk (m: byte array) =
                    (IPv6Packet(ByteArraySegment(ourIpv6 src dst IpProtocols.Icmpv6 255uy m)).PayloadPacket
                    :?> IcmpV6Packet)
                        .ValidIcmpChecksum

                nsTheirs.TargetAddress = Addresses.FromV6 target
                && nsLink
                && naTheirs.TargetAddress = Addresses.FromV6 target
                && naTheirs.Solicited
                && naTheirs.Override
                && not naTheirs.Router
                && int raTheirs.RouterLifetime = lifetime
                && raTheirs.CurrentHopLimit = 64uy
                && prefix.PrefixLength = 64uy
                && prefix.AutonomousAddressConfiguration
                && prefix.Prefix = Addresses.FromV6(target &&& Addresses.MaskV6 64)
                && icmpOk ns
                && icmpOk na
                && icmpOk ra)

            testPropertyWithConfig config "DHCP: PacketDotNet reads our messages"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        genUInt32
                        genMac
                        (Gen.zip3
                            genV4
                            genV4
                            (Gen.elements
                                [
                                    DhcpMessageType.Discover
                                    DhcpMessageType.Offer
                                    DhcpMessageType.Request
                                    DhcpMessageType.Ack
                                ]))
                ))
                (fun (xid, mac, (yours, server, kind)) ->
                    let reply = kind = DhcpMessageType.Offer || kind = DhcpMessageType.Ack

                    let m =
                        DhcpMessage(
                            reply,
                            xid,
                            mac,
                            kind,
                            YourIp = yours,
                            ServerIdentifier = server,
                            LeaseSeconds = 3600u,
                            DnsServers = [| server |],
                            Router = server
                        )

                    let buffer = Array.zeroCreate m.MaxLength
                    let n = m.Write(Span buffer)
                    let theirs = DhcpV4Packet(ByteArraySegment(buffer, 0, n), null)
                    let parsed, back = DhcpMessage.TryParse(ReadOnlySpan(buffer, 0, n))

                    theirs.Xid = xid
                    && int theirs.MessageType = int kind
                    && theirs.YourAddress = Addresses.FromV4 yours
                    && ofPhysical theirs.ClientHardwareAddress = mac
                    && theirs.MagicNumber = 0x63825363u
                    && parsed
                    && back.TransactionId = xid
                    && back.Type = kind
                    && back.YourIp = yours
                    && back.ServerIdentifier = server
                    && back.Router = server
                    && back.DnsServers = [| server |]
                    && back.LeaseSeconds = 3600u)

            testPropertyWithConfig config "every parser rejects or accepts random bytes, never throws"
            <| Prop.forAll (Arb.fromGen (genBytes 400)) parseAll

            testCase "a truncated or lying IPv4 header is refused"
            <| fun () ->
                let packet =
                    ourIpv4 0x0A000001u 0x0A000002u 64uy 1us IpProtocols.Udp (Array.zeroCreate 20)

                let ok, _ = Ipv4Header.TryParse(ReadOnlySpan(packet, 0, 30))
                Expect.isFalse ok "total length past the buffer"
                packet[10] <- packet[10] ^^^ 1uy
                let ok2, _ = Ipv4Header.TryParse(ReadOnlySpan packet)
                Expect.isFalse ok2 "bad checksum"
        ]
