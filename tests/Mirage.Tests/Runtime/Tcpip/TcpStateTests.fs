/// The pure connection state machine, transition by transition (RFC 9293), with time passed in: handshakes,
/// closes, RFC 5961's blind-injection defences, PAWS, retransmission, fast retransmit, delayed ACKs, Nagle,
/// zero windows, keepalive, SACK.
module Mirage.Tests.Runtime.Tcpip.TcpStateTests

open System
open Expecto
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.TcpSupport

let private write now (c: TcpConnection) (bytes: byte array) = c.Write(now, ReadOnlySpan bytes)

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.TcpState"
        [
            test "active open: our SYN offers MSS 1460, window scale, SACK and timestamps; SYN-ACK establishes" {
                let ra = Recorder()
                let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settings, ra, 0L)
                let syn, _ = ra.Take() |> List.exactlyOne
                Expect.equal syn.Flags TcpFlags.Syn "SYN"
                Expect.equal syn.Sequence issA "ISS"
                Expect.equal syn.Options.Mss 1460us "MSS 1460 on a 1500 MTU"
                Expect.equal syn.Options.WindowScale 7y "window scale"
                Expect.isTrue (syn.Options.SackPermitted && syn.Options.HasTimestamps) "SACK-permitted, timestamps"
                Expect.equal a.State TcpState.SynSent "SYN_SENT"

                let synAck =
                    segment
                        5000u
                        (issA + 1u)
                        (TcpFlags.Syn ||| TcpFlags.Ack)
                        1000us
                        (TcpOptions.None.With(1400us, 2y, true).WithTimestamps(50u, syn.Options.TimestampValue))

                deliver 10L a (synAck, [||])
                Expect.equal a.State TcpState.Established "ESTABLISHED"
                Expect.contains ra.Signals TcpSignal.Established "signalled"
                let ack, _ = ra.Take() |> List.exactlyOne

                Expect.equal
                    (ack.Flags, ack.Acknowledgment, ack.Sequence)
                    (TcpFlags.Ack, 5001u, issA + 1u)
                    "ACK of their SYN"

                Expect.equal a.SendMss 1400 "the smaller MSS"
                Expect.equal a.Agreed (2, 7, true, true) "shifts, timestamps, SACK agreed"
                Expect.equal a.SendWindow (1000L <<< 2) "their window, scaled"
            }

            test
                "a SYN-ACK without window scale turns scaling off both ways; an unacceptable ACK in SYN_SENT gets a RST" {
                let ra = Recorder()
                let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settings, ra, 0L)
                ra.Take() |> ignore
                deliver 1L a (segment 5000u (issA + 7u) (TcpFlags.Syn ||| TcpFlags.Ack) 1000us TcpOptions.None, [||])
                let rst, _ = ra.Take() |> List.exactlyOne
                Expect.equal (rst.Flags, rst.Sequence) (TcpFlags.Rst, issA + 7u) "RST at their ACK"
                Expect.equal a.State TcpState.SynSent "still SYN_SENT"
                deliver 2L a (segment 5000u (issA + 1u) (TcpFlags.Syn ||| TcpFlags.Ack) 1000us TcpOptions.None, [||])
                Expect.equal a.Agreed (0, 0, false, false) "nothing agreed"
                Expect.equal a.SendMss 536 "RFC 9293's default MSS for IPv4"
            }

            test "passive open: SYN-ACK answers what the SYN offered; the ACK establishes" {
                let a, _, b, rb = connected settings settings
                Expect.equal (a.State, b.State) (TcpState.Established, TcpState.Established) "both ESTABLISHED"
                Expect.contains rb.Signals TcpSignal.Established "B signalled"
                Expect.equal b.Agreed (7, 7, true, true) "B agreed"
            }

            test "a RST answering our SYN refuses the connection" {
                let ra = Recorder()
                let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settings, ra, 0L)
                deliver 1L a (segment 0u (issA + 1u) (TcpFlags.Rst ||| TcpFlags.Ack) 0us TcpOptions.None, [||])
                Expect.equal (a.State, a.Ending) (TcpState.Closed, Nullable TcpSignal.Reset) "refused"
            }

            test "simultaneous open: crossed SYNs lead both through SYN_RECEIVED to ESTABLISHED" {
                let ra, rb = Recorder(), Recorder()
                let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settings, ra, 0L)
                let b = TcpConnection.Connect(tupleB, issB, 9u, 1460, settings, rb, 0L)
                let synA, synB = ra.Take(), rb.Take()
                synB |> List.iter (deliver 1L a)
                synA |> List.iter (deliver 1L b)
                Expect.equal (a.State, b.State) (TcpState.SynReceived, TcpState.SynReceived) "both SYN_RECEIVED"
                let synAckA, synAckB = ra.Take(), rb.Take()
                Expect.all (synAckA @ synAckB) (has (TcpFlags.Syn ||| TcpFlags.Ack)) "SYN-ACKs"
                synAckB |> List.iter (deliver 2L a)
                synAckA |> List.iter (deliver 2L b)
                Expect.equal (a.State, b.State) (TcpState.Established, TcpState.Established) "both ESTABLISHED"
            }

            test "half-close: A's FIN leaves B able to send; then LAST_ACK, TIME_WAIT, and CLOSED after 2 MSL" {
                let a, ra, b, rb = connected settings settings
                write 2L a "hello"B |> ignore
                a.Shutdown 2L
                Expect.equal a.State TcpState.FinWait1 "FIN_WAIT_1"
                ra.Take() |> List.iter (deliver 3L b)
                Expect.equal b.State TcpState.CloseWait "CLOSE_WAIT"
                Expect.equal (drain 3L b) "hello"B "data before the FIN"
                Expect.isTrue b.AtEnd "at end"
                rb.Take() |> List.iter (deliver 4L a)
                Expect.equal a.State TcpState.FinWait2 "FIN_WAIT_2"
                write 5L b "still here"B |> ignore
                rb.Take() |> List.iter (deliver 6L a)
                Expect.equal (drain 6L a) "still here"B "the half-open direction still carries data"
                ra.Take() |> List.iter (deliver 7L b)
                b.Close 8L
                Expect.equal b.State TcpState.LastAck "LAST_ACK"
                rb.Take() |> List.iter (deliver 9L a)
                Expect.equal a.State TcpState.TimeWait "TIME_WAIT"
                ra.Take() |> List.iter (deliver 10L b)
                Expect.equal (b.State, b.Ending) (TcpState.Closed, Nullable TcpSignal.Closed) "B CLOSED"
                a.Tick(9L + settings.TimeWaitMs - 1L)
                Expect.equal a.State TcpState.TimeWait "TIME_WAIT lasts 2 MSL"
                a.Tick(9L + settings.TimeWaitMs)
                Expect.equal a.State TcpState.Closed "then CLOSED"
            }

            test "TIME_WAIT re-acknowledges a retransmitted FIN and yields to a newer SYN (RFC 6191)" {
                let a, ra, b, rb = connected settings settings
                a.Shutdown 2L
                let finA = ra.Take()
                finA |> List.iter (deliver 3L b)
                b.Close 3L
                let finB = rb.Take()
                finB |> List.iter (deliver 4L a)
                Expect.equal a.State TcpState.TimeWait "TIME_WAIT"
                ra.Take() |> ignore
                finB |> List.filter (has TcpFlags.Fin) |> List.iter (deliver 5L a)
                let again = ra.Take()
                Expect.isTrue (again |> List.exists (has TcpFlags.Ack)) "the FIN is acknowledged again"

                let newer =
                    segment (issB + 100_000u) 0u TcpFlags.Syn 1000us (TcpOptions.None.WithTimestamps(1_000_000u, 0u))

                let older =
                    segment (issB + 100_000u) 0u TcpFlags.Syn 1000us (TcpOptions.None.WithTimestamps(1u, 0u))

                Expect.isTrue (a.YieldsTo newer) "a newer timestamp reopens"
                Expect.isFalse (a.YieldsTo older) "an older one does not"
            }

            test "simultaneous close: crossed FINs go through CLOSING to TIME_WAIT on both sides" {
                let a, ra, b, rb = connected settings settings
                a.Shutdown 2L
                b.Shutdown 2L
                let finA, finB = ra.Take(), rb.Take()
                finB |> List.iter (deliver 3L a)
                finA |> List.iter (deliver 3L b)
                Expect.equal (a.State, b.State) (TcpState.Closing, TcpState.Closing) "both CLOSING"
                let ackA, ackB = ra.Take(), rb.Take()
                ackB |> List.iter (deliver 4L a)
                ackA |> List.iter (deliver 4L b)
                Expect.equal (a.State, b.State) (TcpState.TimeWait, TcpState.TimeWait) "both TIME_WAIT"
            }

            test "RFC 5961: only an exact RST resets; one elsewhere in the window gets a challenge ACK" {
                let a, ra, _, _ = connected settings settings
                let next = issB + 1u
                deliver 5L a (segment (next + 100u) 0u TcpFlags.Rst 0us TcpOptions.None, [||])
                Expect.equal a.State TcpState.Established "an in-window RST does not reset"
                let challenge, _ = ra.Take() |> List.exactlyOne
                Expect.equal (challenge.Flags, challenge.Acknowledgment) (TcpFlags.Ack, next) "challenge ACK"
                deliver 6L a (segment (next + 10_000_000u) 0u TcpFlags.Rst 0us TcpOptions.None, [||])
                Expect.equal (a.State, ra.Take()) (TcpState.Established, []) "an out-of-window RST is ignored silently"
                deliver 7L a (segment next 0u TcpFlags.Rst 0us TcpOptions.None, [||])
                Expect.equal (a.State, a.Ending) (TcpState.Closed, Nullable TcpSignal.Reset) "an exact RST resets"
            }

            test "RFC 5961: a SYN on an established connection gets a challenge ACK, not a reset" {
                let a, ra, _, _ = connected settings settings
                deliver 5L a (segment (issB + 50u) 0u TcpFlags.Syn 1000us TcpOptions.None, [||])
                Expect.equal a.State TcpState.Established "still established"
                let challenge, _ = ra.Take() |> List.exactlyOne
                Expect.equal challenge.Flags TcpFlags.Ack "challenge ACK"
            }

            test "RFC 5961: data acknowledging what was never sent is dropped; the challenge ACKs are rate-limited" {
                let a, ra, _, _ = connected settings settings

                for _ in 0..20 do
                    deliver
                        5L
                        a
                        (segment (issB + 1u) (issA + 1u + 5000u) TcpFlags.Ack 1000us TcpOptions.None, "injected"B)

                Expect.equal a.Readable 0 "nothing delivered"
                Expect.equal (ra.Take().Length) 10 "at most 10 answers a second"
                Expect.equal a.State TcpState.Established "still established"
            }

            test "PAWS drops a segment whose timestamp is older than the last one (RFC 7323)" {
                let a, ra, b, rb = connected settings settings
                write 2L b "new"B |> ignore
                let fresh = rb.Take() |> List.exactlyOne
                deliver 3L a fresh
                Expect.equal (drain 3L a) "new"B "the fresh segment"
                let header, _ = fresh

                let stale =
                    TcpHeader(
                        header.SourcePort,
                        header.DestinationPort,
                        header.Sequence + 3u,
                        header.Acknowledgment,
                        header.Flags,
                        header.Window,
                        header.Options.WithTimestamps(header.Options.TimestampValue - 100u, 0u)
                    )

                ra.Take() |> ignore
                deliver 4L a (stale, "old"B)
                Expect.equal a.Readable 0 "the old duplicate is dropped"
                Expect.isNonEmpty (ra.Take()) "and answered with an ACK"
            }

            test "RTO: a lost segment is resent after the timeout, which then doubles (RFC 6298); too many times out" {
                let a, ra, _, _ = connected settings settings
                write 10L a "lost"B |> ignore
                let first, _ = ra.Take() |> List.exactlyOne
                let deadline = a.NextDeadline
                Expect.isLessThanOrEqual (deadline - 10L) 1000L "first RTO at most 1 s"
                a.Tick(deadline - 1L)
                Expect.isEmpty (ra.Take()) "nothing before the deadline"
                a.Tick deadline
                let again, payload = ra.Take() |> List.exactlyOne
                Expect.equal (again.Sequence, payload) (first.Sequence, "lost"B) "the same bytes again"
                let second = a.NextDeadline
                Expect.isGreaterThanOrEqual (second - deadline) (2L * (deadline - 10L) - 1L) "backed off"
                let mutable t = second

                for _ in 1 .. settings.MaxRetransmissions do
                    a.Tick t
                    t <- max a.NextDeadline t

                Expect.equal (a.State, a.Ending) (TcpState.Closed, Nullable TcpSignal.TimedOut) "timed out"
            }

            test "fast retransmit: three duplicate ACKs resend the first unacknowledged segment at once" {
                let a, ra, b, rb = connected settings settings
                write 10L a (bytesOf 1 (8 * 1400)) |> ignore
                let sent = ra.Take()
                Expect.isGreaterThanOrEqual sent.Length 7 "several segments (Nagle holds the last, partial one)"
                // The first is lost; the others arrive and each earns an ACK of the same byte. The first of these
                // also updates the window (the SYN-ACK's was unscaled), so it is not a duplicate (RFC 5681 §2).
                sent |> List.skip 1 |> List.take 4 |> List.iter (deliver 11L b)
                let dupAcks = rb.Take()
                Expect.equal dupAcks.Length 4 "an ACK each"
                Expect.isTrue (dupAcks |> List.forall (fun (h, _) -> h.Options.SackCount > 0)) "with SACK blocks"
                dupAcks |> List.iter (deliver 12L a)
                let resent, _ = ra.Take() |> List.head
                Expect.equal resent.Sequence (fst sent.Head).Sequence "the lost one, before any timeout"
                Expect.isTrue a.Congestion.InRecovery "fast recovery"
            }

            test "delayed ACK: one segment waits up to 40 ms, a second is acknowledged at once" {
                let a, ra, b, rb = connected settings settings
                write 10L a "x"B |> ignore
                ra.Take() |> List.iter (deliver 11L b)
                Expect.isEmpty (rb.Take()) "no ACK yet"
                b.Tick 50L
                Expect.isEmpty (rb.Take()) "not before 40 ms"
                b.Tick 51L
                Expect.equal (rb.Take().Length) 1 "ACK after the delay"
                a.NoDelay <- true
                write 60L a "y"B |> ignore
                write 60L a "z"B |> ignore
                ra.Take() |> List.iter (deliver 61L b)
                Expect.equal (rb.Take().Length) 1 "the second segment is acknowledged at once"
            }

            test "Nagle holds a small segment while data is unacknowledged; nodelay sends it" {
                let a, ra, _, _ = connected settings settings
                write 10L a "a"B |> ignore
                write 10L a "b"B |> ignore
                Expect.equal (ra.Take().Length) 1 "the second small write waits"
                a.NoDelay <- true
                write 10L a "c"B |> ignore
                Expect.equal (ra.Take().Length) 1 "nodelay sends at once"
            }

            test "a zero window stops the sender, probes keep asking, reading reopens it" {
                let small = TcpSettings(ReceiveBuffer = 4096, WindowScale = 0uy)
                let a, ra, b, rb = connected settings small
                write 10L a (bytesOf 2 10_000) |> ignore
                let mutable now = 10L

                for _ in 1..5 do
                    ra.Take() |> List.iter (deliver now b)
                    b.Tick(now + 50L)
                    rb.Take() |> List.iter (deliver now a)
                    now <- now + 60L

                Expect.equal b.Readable 4096 "the buffer is full"
                Expect.equal a.SendWindow 0L "A sees a zero window"
                a.Tick a.NextDeadline
                let probes = ra.Take()
                Expect.isNonEmpty probes "a probe"
                probes |> List.iter (deliver now b)
                Expect.equal b.Readable 4096 "the probe carries nothing in"
                Expect.equal (drain now b).Length 4096 "the application reads"
                rb.Take() |> List.iter (deliver now a)
                Expect.isGreaterThan a.SendWindow 0L "window update reopens"
                Expect.isNonEmpty (ra.Take()) "sending resumes"
            }

            test "keepalive probes an idle peer and gives up after the probes" {
                let keep =
                    TcpSettings(KeepaliveIdleMs = 1000L, KeepaliveIntervalMs = 100L, KeepaliveProbes = 3)

                let a, ra, _, _ = connected keep settings
                ra.Take() |> ignore
                a.Tick 1001L
                Expect.equal (ra.Take().Length) 1 "first probe after the idle time"

                for t in [ 1101L; 1201L; 1301L ] do
                    a.Tick t

                Expect.equal (a.State, a.Ending) (TcpState.Closed, Nullable TcpSignal.TimedOut) "gave up"
            }

            test "out-of-order data is held, reported in SACK blocks, and delivered once the hole fills" {
                let a, ra, b, rb = connected settings settings
                a.NoDelay <- true
                write 10L a "first"B |> ignore
                write 10L a "second"B |> ignore

                let first, second =
                    match ra.Take() with
                    | [ f; s ] -> f, s
                    | other -> failwithf "%A" other

                deliver 11L b second
                let ack, _ = rb.Take() |> List.exactlyOne
                Expect.equal ack.Options.SackCount 1 "one SACK block"

                Expect.equal
                    ack.Options.Sack0
                    (SackBlock((fst second).Sequence, (fst second).Sequence + 6u))
                    "covering the second"

                Expect.equal b.Readable 0 "nothing in order yet"
                deliver 12L b first
                Expect.equal (drain 12L b) "firstsecond"B "both, in order"
            }

            test "data after the application closed resets the connection" {
                let a, ra, b, rb = connected settings settings
                b.Close 5L
                rb.Take() |> List.iter (deliver 6L a)
                ra.Take() |> List.iter (deliver 6L b)
                write 7L a "unwanted"B |> ignore
                ra.Take() |> List.iter (deliver 8L b)
                Expect.equal (b.State, b.Ending) (TcpState.Closed, Nullable TcpSignal.Reset) "reset"
                Expect.isTrue (rb.Take() |> List.exists (has TcpFlags.Rst)) "RST sent"
            }
        ]
