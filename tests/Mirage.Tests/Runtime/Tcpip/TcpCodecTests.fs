/// The TCP header and options codec against PacketDotNet: it parses what we write (checksum over both families'
/// pseudo-headers, fields, options), we parse what it writes, and random bytes never throw.
module Mirage.Tests.Runtime.Tcpip.TcpCodecTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open PacketDotNet
open PacketDotNet.Tcp
open PacketDotNet.Utils
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Common
open Mirage.Runtime.Tcpip.Wire

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 300
    }

let private genUInt32 = Gen.choose64 (0L, 0xFFFF_FFFFL) |> Gen.map uint32
let private genPort = Gen.choose (1, 65535) |> Gen.map uint16

let private genBytes maxLength =
    Gen.choose (0, maxLength)
    |> Gen.bind (fun n -> Gen.arrayOfLength n (Gen.choose (0, 255) |> Gen.map byte))

let private genOptions =
    gen {
        let! mss = Gen.elements [ 0; 536; 1220; 1460; 8960 ]
        let! scale = Gen.choose (-1, 14)
        let! sackPermitted = Gen.elements [ true; false ]
        let! timestamps = Gen.elements [ true; false ]
        let! tsVal = genUInt32
        let! tsEcr = genUInt32
        let! blocks = Gen.choose (0, 4)
        let! edges = Gen.listOfLength blocks (Gen.zip genUInt32 genUInt32)
        let mutable options = TcpOptions.None.WithTimestamps(tsVal, tsEcr)

        if not timestamps then
            options <- TcpOptions.None

        options <- options.With(uint16 mss, sbyte scale, sackPermitted)

        for (l, r) in edges do
            options <- options.WithSack(SackBlock(l, r))

        return options
    }

let private genFlags =
    Gen.elements
        [
            TcpFlags.Syn
            TcpFlags.Syn ||| TcpFlags.Ack
            TcpFlags.Ack
            TcpFlags.Ack ||| TcpFlags.Psh
            TcpFlags.Fin ||| TcpFlags.Ack
            TcpFlags.Rst
            TcpFlags.Rst ||| TcpFlags.Ack
        ]

let private genHeader =
    gen {
        let! sp = genPort
        let! dp = genPort
        let! seq = genUInt32
        let! ack = genUInt32
        let! flags = genFlags
        let! window = genPort
        let! options = genOptions
        return TcpHeader(sp, dp, seq, ack, flags, window, options)
    }

/// Our segment: header and payload, checksummed over <paramref name="pseudo"/>.
let private ourSegment (pseudo: int -> uint64) (header: TcpHeader) (payload: byte array) =
    let segment = Array.zeroCreate (header.Length + payload.Length)
    payload.CopyTo(segment, header.Length)
    header.TryWrite(Span segment, pseudo segment.Length) |> ignore
    segment

let private v4Src, v4Dst = 0x0A000002u, 0x0A000003u

let private v6Src, v6Dst =
    UInt128(0xFD00UL <<< 48, 2UL), UInt128(0xFD00UL <<< 48, 3UL)

let private pseudoV4 length =
    Checksum.PseudoHeaderV4(v4Src, v4Dst, IpProtocols.Tcp, length)

let private pseudoV6 length =
    Checksum.PseudoHeaderV6(v6Src, v6Dst, IpProtocols.Tcp, length)

/// Our segment inside our IPv4 or IPv6 packet, as PacketDotNet reads it.
let private theirView v6 (segment: byte array) =
    let packet =
        if v6 then
            let p = Array.zeroCreate (Ipv6Header.Length + segment.Length)

            Ipv6Header(0uy, 0u, segment.Length, IpProtocols.Tcp, 64uy, v6Src, v6Dst).TryWrite(Span p)
            |> ignore

            segment.CopyTo(p, Ipv6Header.Length)
            IPv6Packet(ByteArraySegment p) :> IPPacket
        else
            let p = Array.zeroCreate (Ipv4Header.MinLength + segment.Length)

            Ipv4Header(0uy, p.Length, 1us, true, false, 0, 64uy, IpProtocols.Tcp, v4Src, v4Dst).TryWrite(Span p)
            |> ignore

            segment.CopyTo(p, Ipv4Header.MinLength)
            IPv4Packet(ByteArraySegment p) :> IPPacket

    packet.PayloadPacket :?> TcpPacket

let private findOption<'T when 'T :> TcpOption> (theirs: TcpOption seq) =
    theirs
    |> Seq.tryPick (fun o ->
        match o with
        | :? 'T as t -> Some t
        | _ -> None)

let private optionsAgree (ours: TcpOptions) (collection: TcpOption seq) =
    // PacketDotNet has no collection at all for a header without options.
    let theirs = if isNull collection then Seq.empty else collection

    let mss =
        match findOption<MaximumSegmentSizeOption> theirs with
        | Some o -> o.Value = ours.Mss
        | None -> ours.Mss = 0us

    let scale =
        match findOption<WindowScaleFactorOption> theirs with
        | Some o -> int o.ScaleFactor = int ours.WindowScale
        | None -> ours.WindowScale = -1y

    let sackPermitted =
        (findOption<SelectiveAcknowledgmentPermittedOption> theirs).IsSome = ours.SackPermitted

    let timestamps =
        match findOption<TimeStampOption> theirs with
        | Some o ->
            ours.HasTimestamps
            && o.Value = ours.TimestampValue
            && o.EchoReply = ours.TimestampEcho
        | None -> not ours.HasTimestamps

    // PacketDotNet reads SACK edges as 16-bit words, so only the option's length is compared.
    let sack =
        match findOption<SelectiveAcknowledgmentOption> theirs with
        | Some o -> ours.SackCount > 0 && (int o.Length - 2) % 8 = 0
        | None -> ours.SackCount = 0

    mss && scale && sackPermitted && timestamps && sack

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.TcpCodec"
        [
            for v6 in [ false; true ] do
                let family = if v6 then "IPv6" else "IPv4"
                let pseudo = if v6 then pseudoV6 else pseudoV4

                testPropertyWithConfig config $"{family}: PacketDotNet reads our header, options and checksum"
                <| Prop.forAll (Arb.fromGen (Gen.zip genHeader (genBytes 200))) (fun (header, payload) ->
                    let theirs = theirView v6 (ourSegment pseudo header payload)

                    theirs.ValidTcpChecksum
                    && theirs.SourcePort = header.SourcePort
                    && theirs.DestinationPort = header.DestinationPort
                    && theirs.SequenceNumber = header.Sequence
                    && theirs.AcknowledgmentNumber = header.Acknowledgment
                    && byte theirs.Flags = byte header.Flags
                    && theirs.WindowSize = header.Window
                    && theirs.DataOffset * 4 = header.Length
                    && theirs.PayloadData = (if payload.Length = 0 then theirs.PayloadData else payload)
                    && optionsAgree header.Options theirs.OptionsCollection)

                testPropertyWithConfig config $"{family}: we read PacketDotNet's segments"
                <| Prop.forAll
                    (Arb.fromGen (
                        Gen.zip3
                            (Gen.zip genPort genPort)
                            (Gen.zip genUInt32 genUInt32)
                            (Gen.zip genFlags (genBytes 200))
                    ))
                    (fun ((sp, dp), (seq, ack), (flags, payload)) ->
                        let tcp = TcpPacket(sp, dp)
                        tcp.SequenceNumber <- seq
                        tcp.AcknowledgmentNumber <- ack
                        tcp.Flags <- uint16 flags
                        tcp.WindowSize <- 29200us
                        tcp.PayloadData <- payload

                        let ip =
                            if v6 then
                                IPv6Packet(Addresses.FromV6 v6Src, Addresses.FromV6 v6Dst, PayloadPacket = tcp)
                                :> IPPacket
                            else
                                IPv4Packet(Addresses.FromV4 v4Src, Addresses.FromV4 v4Dst, PayloadPacket = tcp)

                        ip.UpdateCalculatedValues()
                        tcp.UpdateTcpChecksum()
                        let bytes = tcp.Bytes

                        let ok, header, headerLength =
                            TcpHeader.TryParse(ReadOnlySpan bytes, pseudo bytes.Length)

                        ok
                        && header.SourcePort = sp
                        && header.DestinationPort = dp
                        && header.Sequence = seq
                        && header.Acknowledgment = ack
                        && header.Flags = flags
                        && header.Window = 29200us
                        && bytes[headerLength..] = payload)

            testPropertyWithConfig config "our header round-trips, and a flipped bit fails the checksum"
            <| Prop.forAll
                (Arb.fromGen (Gen.zip3 genHeader (genBytes 100) (Gen.choose (0, 10_000))))
                (fun (header, payload, bit) ->
                    let segment = ourSegment pseudoV4 header payload

                    let ok, parsed, headerLength =
                        TcpHeader.TryParse(ReadOnlySpan segment, pseudoV4 segment.Length)

                    let expected = header.Options.WithSackCount header.Options.SackBlocksThatFit
                    let corrupted = Array.copy segment
                    let at = bit % (segment.Length * 8)
                    corrupted[at / 8] <- corrupted[at / 8] ^^^ (1uy <<< (at % 8))

                    let corruptOk, _, _ =
                        TcpHeader.TryParse(ReadOnlySpan corrupted, pseudoV4 corrupted.Length)

                    ok
                    && parsed =
                        TcpHeader(
                            header.SourcePort,
                            header.DestinationPort,
                            header.Sequence,
                            header.Acknowledgment,
                            header.Flags,
                            header.Window,
                            expected
                        )
                    && segment[headerLength..] = payload
                    && not corruptOk)

            test "a SYN of ours carries MSS 1460, window scale and SACK-permitted in 40 bytes" {
                let options = TcpOptions.None.With(1460us, 7y, true).WithTimestamps(1u, 0u)
                let header = TcpHeader(40000us, 80us, 1u, 0u, TcpFlags.Syn, 65535us, options)
                let theirs = theirView false (ourSegment pseudoV4 header [||])
                Expect.equal header.Length 40 "MSS 4 + SACK-permitted/timestamps 12 + window scale 4"
                Expect.isTrue (theirs.Synchronize && theirs.ValidTcpChecksum) "a valid SYN"
                Expect.isTrue (optionsAgree options theirs.OptionsCollection) "PacketDotNet sees every option"
            }

            test "malformed options are refused: zero length, past the end, wrong size for the kind" {
                for area in
                    [
                        [| 2uy; 0uy; 0uy; 0uy |]
                        [| 8uy; 12uy; 0uy; 0uy |]
                        [| 2uy; 3uy; 5uy; 1uy |]
                        [| 5uy; 3uy; 0uy; 0uy |]
                    ] do
                    let ok, _ = TcpOptions.TryParse(ReadOnlySpan area)
                    Expect.isFalse ok $"%A{area}"

                let ok, options =
                    TcpOptions.TryParse(ReadOnlySpan [| 1uy; 3uy; 3uy; 20uy; 99uy; 2uy; 0uy; 0uy |])

                Expect.isTrue ok "unknown kinds are skipped"

                Expect.equal
                    options.WindowScale
                    (sbyte TcpOptions.MaxWindowScale)
                    "shifts above 14 are read as 14 (RFC 7323)"
            }

            testPropertyWithConfig config "random bytes never throw"
            <| Prop.forAll (Arb.fromGen (genBytes 120)) (fun bytes ->
                TcpHeader.TryParse(ReadOnlySpan bytes, 0UL) |> ignore
                TcpOptions.TryParse(ReadOnlySpan bytes) |> ignore
                true)
        ]
