/// The pure demultiplexer: RSTs for strays, the bounded SYN backlog and SYN cookies under a flood, ephemeral
/// ports, TIME_WAIT reuse, unpredictable ISNs.
module Mirage.Tests.Runtime.Tcpip.TcpDemuxTests

open System
open Expecto
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.TcpSupport

let private us = TcpTuple.FromV4 0x0A000003u
let private peer (i: int) = TcpTuple.FromV4(0x0B000000u + uint32 i)

let private syn (sourcePort: uint16) (seq: uint32) =
    TcpHeader(sourcePort, 80us, seq, 0u, TcpFlags.Syn, 65535us, TcpOptions.None.With(1460us, 7y, true))

let private demux (backlog: int) =
    let recorder = Recorder()

    let d =
        TcpDemux(TcpSettings(SynBacklog = backlog, MaxConnections = 1000), recorder, (fun _ -> 1460))

    d, recorder

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.TcpDemux"
        [
            test "a segment for no connection and no listener is answered with RST (RFC 9293 §3.10.7.1)" {
                let d, r = demux 8
                d.Segment(1L, peer 1, us, syn 1234us 500u, ReadOnlySpan.Empty)
                let rst, _ = r.Take() |> List.exactlyOne

                Expect.equal
                    (rst.Flags, rst.Sequence, rst.Acknowledgment)
                    (TcpFlags.Rst ||| TcpFlags.Ack, 0u, 501u)
                    "RST-ACK of the SYN"

                d.Segment(
                    1L,
                    peer 1,
                    us,
                    TcpHeader(1234us, 80us, 9u, 777u, TcpFlags.Ack, 100us, TcpOptions.None),
                    ReadOnlySpan "x"B
                )

                let rst2, _ = r.Take() |> List.exactlyOne
                Expect.equal (rst2.Flags, rst2.Sequence) (TcpFlags.Rst, 777u) "RST at their ACK"

                d.Segment(
                    1L,
                    peer 1,
                    us,
                    TcpHeader(1234us, 80us, 9u, 0u, TcpFlags.Rst, 0us, TcpOptions.None),
                    ReadOnlySpan.Empty
                )

                Expect.isEmpty (r.Take()) "never a RST for a RST"
            }

            test "a SYN flood fills the backlog, then gets cookies; memory stays bounded; a cookie's ACK still connects" {
                let d, r = demux 128
                d.Listen 80us

                for i in 0..9_999 do
                    d.Segment(
                        int64 i / 100L,
                        peer i,
                        us,
                        syn (uint16 (1024 + i % 60000)) (uint32 i * 7919u),
                        ReadOnlySpan.Empty
                    )

                Expect.equal d.HalfOpen 128 "the backlog is full, no more"
                Expect.equal d.Count 128 "no connection beyond it"
                Expect.equal d.CookiesSent (10_000L - 128L) "the rest got cookies"
                r.Take() |> ignore
                // A real client behind the flood completes the handshake with its cookie.
                d.Segment(200L, peer 20_000, us, syn 5555us 42u, ReadOnlySpan.Empty)
                let synAck, _ = r.Take() |> List.exactlyOne
                Expect.equal synAck.Flags (TcpFlags.Syn ||| TcpFlags.Ack) "SYN-ACK"
                Expect.equal synAck.Options.Mss 1460us "our MSS"

                let ack =
                    TcpHeader(5555us, 80us, 43u, synAck.Sequence + 1u, TcpFlags.Ack, 1000us, TcpOptions.None)

                d.Segment(300L, peer 20_000, us, ack, ReadOnlySpan "GET /"B)
                Expect.contains r.Signals TcpSignal.Established "established from the cookie"
                let connection = d.Find(TcpTuple(us, 80us, peer 20_000, 5555us))
                Expect.isNotNull connection "in the table"
                Expect.equal (drain 300L connection) "GET /"B "its data"
                Expect.equal d.CookiesAccepted 1L "one cookie accepted"
                // A forged cookie is refused.
                d.Segment(
                    300L,
                    peer 20_001,
                    us,
                    TcpHeader(5556us, 80us, 43u, synAck.Sequence + 1u, TcpFlags.Ack, 1000us, TcpOptions.None),
                    ReadOnlySpan.Empty
                )

                Expect.isNull (d.Find(TcpTuple(us, 80us, peer 20_001, 5556us))) "no connection"
                Expect.isTrue (r.Take() |> List.exists (has TcpFlags.Rst)) "RST"
            }

            test "half-open connections time out and free the backlog" {
                let d, _ = demux 4
                d.Listen 80us

                for i in 0..3 do
                    d.Segment(0L, peer i, us, syn 1000us 1u, ReadOnlySpan.Empty)

                let mutable now = 0L

                while d.Count > 0 && now < 600_000L do
                    now <- max (now + 1L) d.NextDeadline
                    d.Tick now

                Expect.equal (d.HalfOpen, d.Count) (0, 0) "all gone"
                Expect.isLessThan now 600_000L "within the SYN retries"
            }

            test "ephemeral ports are distinct and in range; ISNs differ by tuple" {
                let d, r = demux 8
                let remote = peer 1
                let connections = [ for _ in 1..500 -> d.Connect(5L, us, remote, 443us) ]
                let ports = connections |> List.map (fun c -> int c.Tuple.LocalPort)
                Expect.equal (List.distinct ports).Length 500 "distinct"

                Expect.all
                    ports
                    (fun p -> p >= TcpDemux.FirstEphemeralPort && p <= TcpDemux.LastEphemeralPort)
                    "in range"

                let isns = r.Take() |> List.map (fun (h, _) -> h.Sequence) |> List.distinct
                Expect.isGreaterThan isns.Length 490 "ISNs are not shared"
            }

            test "a new SYN reuses a tuple in TIME_WAIT (RFC 6191)" {
                let d, r = demux 8
                d.Listen 80us
                let client = peer 7
                d.Segment(0L, client, us, syn 4000us 100u, ReadOnlySpan.Empty)
                let synAck, _ = r.Take() |> List.exactlyOne

                let ack n =
                    TcpHeader(4000us, 80us, n, synAck.Sequence + 1u, TcpFlags.Ack, 1000us, TcpOptions.None)

                d.Segment(1L, client, us, ack 101u, ReadOnlySpan.Empty)
                let tuple = TcpTuple(us, 80us, client, 4000us)
                let server = d.Find tuple
                server.Close 2L
                let fin, _ = r.Take() |> List.exactlyOne

                d.Segment(
                    3L,
                    client,
                    us,
                    TcpHeader(
                        4000us,
                        80us,
                        101u,
                        fin.Sequence + 1u,
                        TcpFlags.Ack ||| TcpFlags.Fin,
                        1000us,
                        TcpOptions.None
                    ),
                    ReadOnlySpan.Empty
                )

                Expect.equal server.State TcpState.TimeWait "TIME_WAIT"
                r.Take() |> ignore
                d.Segment(4L, client, us, syn 4000us 900_000u, ReadOnlySpan.Empty)
                let fresh = d.Find tuple
                Expect.notEqual fresh server "a new incarnation"
                Expect.equal fresh.State TcpState.SynReceived "accepted"
            }
        ]
