/// Our TCP layer's counters (after RFC 4022's MIB): retransmissions told by the state machine, segments,
/// bytes, resets and opens counted by the layer, and published by the Mirage.Tcpip meter.
module Mirage.Tests.Monitoring.TcpMetricsTests

open System
open System.Net
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Network
open Mirage.Runtime.Prometheus
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.Support
open Mirage.Tests.Runtime.Tcpip.TcpSupport

/// Runs `connection`'s timers until it sends something (virtual time, a bounded number of deadlines).
let private tickUntilSent (connection: TcpConnection) (output: Recorder) =
    let rec go attempts =
        let now = connection.NextDeadline
        connection.Tick now

        match output.Take() with
        | [] when attempts > 0 -> go (attempts - 1)
        | sent -> now, sent

    go 5

let private payloadOf (segments: (TcpHeader * byte array) list) =
    segments |> List.collect (snd >> List.ofArray) |> Array.ofList

/// The Mirage.Tcpip meter carries what the two stacks counted. It sums every live stack, other tests'
/// too: lower bounds.
let private expectPublished () =
    use collector = new MetricsCollector(fun name -> name = "Mirage.Tcpip")

    let valueOf name =
        collector.Instruments()
        |> Seq.tryFind (fun i -> i.Name = name)
        |> Option.map _.Value
        |> Option.defaultValue 0.

    for name, atLeast in
        [
            "mirage.tcpip.tcp.active_opens", 2.
            "mirage.tcpip.tcp.passive_opens", 1.
            "mirage.tcpip.tcp.attempt_fails", 1.
            "mirage.tcpip.tcp.sent_bytes", 5000.
            "mirage.tcpip.tcp.received_bytes", 5000.
            "mirage.tcpip.tcp.segments_sent", 5.
            "mirage.tcpip.tcp.resets_sent", 1.
            "mirage.tcpip.tcp.resets_received", 1.
        ] do
        Expect.isGreaterThanOrEqual (valueOf name) atLeast name

    let scraped = PrometheusText.Format(collector.Instruments())

    for family in
        [
            "# TYPE mirage_tcpip_tcp_sent_bytes_total counter"
            "# TYPE mirage_tcpip_tcp_segments_retransmitted_total counter"
            "# TYPE mirage_tcpip_tcp_connections gauge"
            "# TYPE mirage_tcpip_tcp_half_open gauge"
        ] do
        Expect.stringContains scraped family family

[<Tests>]
let tests =
    testList
        "Monitoring.Tcp"
        [
            testCase "a SYN or data sent again is one retransmission each; first sendings and ACKs are none"
            <| fun () ->
                let ra, rb = Recorder(), Recorder()
                let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settings, ra, 0L)
                let syn = ra.Take() |> List.exactlyOne
                Expect.equal ra.Retransmitted 0 "the first SYN"

                let now, again = tickUntilSent a ra
                Expect.isTrue (again |> List.exists (has TcpFlags.Syn)) "the SYN again after its timeout"
                Expect.equal ra.Retransmitted 1 "one SYN retransmitted"

                let b = TcpConnection.Accept(tupleB, issB, 9u, 1460, settings, rb, now, fst syn)
                rb.Take() |> List.iter (deliver now a)
                ra.Take() |> List.iter (deliver now b)
                Expect.equal a.State TcpState.Established "A connected"
                Expect.equal rb.Retransmitted 0 "B's first SYN-ACK"

                let data = bytesOf 16 100
                Expect.equal (a.Write(now, ReadOnlySpan data)) 100 "written"
                let lost = ra.Take()
                Expect.equal (payloadOf lost) data "sent once, then lost"
                Expect.equal ra.Retransmitted 1 "new data is no retransmission"

                let later, resent = tickUntilSent a ra
                Expect.equal (payloadOf resent) data "the same bytes after the timeout"
                Expect.equal ra.Retransmitted 2 "one data segment retransmitted"

                resent |> List.iter (deliver later b)
                let acked, acks = tickUntilSent b rb
                acks |> List.iter (deliver acked a)
                Expect.equal (a.Write(acked, ReadOnlySpan(bytesOf 17 50))) 50 "more written"
                Expect.equal (payloadOf (ra.Take())) (bytesOf 17 50) "sent at once"
                Expect.equal ra.Retransmitted 2 "the new segment is no retransmission"
                Expect.equal rb.Retransmitted 0 "B resent nothing"

            testTask
                "our stack counts opens, accepts, failed attempts, segments, bytes and resets; Mirage.Tcpip publishes them" {
                let! stacks = twoStacks FaultProfile.None 5
                let _, (a: DirectStack), (b: DirectStack) = stacks

                try
                    let received = hashFirstFlow b.Tcp 5003

                    let! connected =
                        a.Tcp.CreateConnectionAsync(
                            IPEndPoint(ip "10.0.0.3", 5003),
                            timeout = TimeSpan.FromSeconds 10.0
                        )

                    Expect.isNull (box connected.Error) "connected"
                    let data = bytesOf 18 5000
                    let! written = connected.Flow.WriteAsync(ReadOnlyMemory data)
                    Expect.isFalse written.HasValue "written"
                    do! connected.Flow.CloseAsync()
                    let! count, hash = received.WaitAsync(TimeSpan.FromSeconds 60.0)
                    Expect.equal (count, hash) (5000L, sha256 data) "B read it all"

                    let! refused =
                        a.Tcp.CreateConnectionAsync(
                            IPEndPoint(ip "10.0.0.3", 5004),
                            timeout = TimeSpan.FromSeconds 10.0
                        )

                    Expect.equal refused.Error (Nullable TcpError.Refused) "nobody listens on 5004"

                    let ac, bc = a.Tcp.Counters, b.Tcp.Counters
                    Expect.equal ac[TcpCount.ActiveOpens] 2L "A asked twice"
                    Expect.equal ac[TcpCount.AttemptFails] 1L "once refused"
                    Expect.equal ac[TcpCount.PassiveOpens] 0L "A accepted nothing"
                    Expect.equal bc[TcpCount.PassiveOpens] 1L "B accepted one"
                    Expect.equal bc[TcpCount.ActiveOpens] 0L "B asked for nothing"
                    Expect.isGreaterThanOrEqual ac[TcpCount.SentBytes] 5000L "A's bytes"
                    Expect.isGreaterThanOrEqual bc[TcpCount.ReceivedBytes] 5000L "B's bytes"
                    Expect.equal bc[TcpCount.SentBytes] 0L "B sent no data"
                    Expect.isGreaterThanOrEqual ac[TcpCount.SegmentsSent] 5L "SYN, ACK, data, FIN, SYN"
                    Expect.isGreaterThanOrEqual bc[TcpCount.SegmentsReceived] 5L "what A sent"
                    Expect.equal bc[TcpCount.ResetsSent] 1L "B refused with one RST"
                    Expect.equal ac[TcpCount.ResetsReceived] 1L "A got it"
                    Expect.equal ac[TcpCount.Malformed] 0L "nothing malformed"

                    expectPublished ()
                finally
                    a.DisposeAsync().AsTask().Wait()
                    b.DisposeAsync().AsTask().Wait()
            }
        ]
