/// The pure connection's ACK holding (one ACK per batch of frames) and RFC 3042 limited transmit, segment by
/// segment with time passed in.
module Mirage.Tests.Runtime.Tcpip.TcpAckAndRecoveryTests

open System
open Expecto
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Runtime.Tcpip.Wire
open Mirage.Tests.Runtime.Tcpip.TcpSupport

let private payload (a: TcpConnection) = a.SendMss - 12 // beside the timestamps option

/// A writes `segments` full segments' worth at `now`; returns what it sent.
let private send now (a: TcpConnection) (ra: Recorder) segments =
    a.Write(now, ReadOnlySpan(bytesOf 5 (segments * payload a))) |> ignore
    ra.Take()

let private acks (recorder: Recorder) =
    recorder.Take()
    |> List.filter (fun (h, p) -> p.Length = 0 && h.Flags = TcpFlags.Ack)

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.TcpAckAndRecovery"
        [
            test "held ACKs: six in-order segments earn one ACK when the batch ends, not three" {
                let a, ra, b, rb = connected settings settings
                let sent = send 2L a ra 6
                Expect.equal sent.Length 6 "six segments within the initial window"
                b.HoldAcks <- true
                sent |> List.iter (deliver 3L b)
                Expect.isEmpty (acks rb) "held while the batch lasts"
                b.SendHeldAck 3L
                let ack, _ = acks rb |> List.exactlyOne
                let last, data = List.last sent
                Expect.equal ack.Acknowledgment (last.Sequence + uint32 data.Length) "acknowledges the whole batch"
                b.SendHeldAck 3L
                Expect.isEmpty (acks rb) "nothing more to send"
                deliver 3L a (ack, [||])

                b.HoldAcks <- false
                let again = send 4L a ra 6
                again |> List.iter (deliver 4L b)
                Expect.equal (acks rb).Length 3 "without holding: every second segment"
            }

            test "a held ACK not sent at the batch's end goes out with the delayed-ACK timer" {
                let a, ra, b, rb = connected settings settings
                b.HoldAcks <- true
                send 2L a ra 4 |> List.iter (deliver 3L b)
                Expect.isEmpty (acks rb) "held"
                b.Tick(3L + settings.DelayedAckMs - 1L)
                Expect.isEmpty (acks rb) "not before the delay"
                b.Tick(3L + settings.DelayedAckMs)
                Expect.equal (acks rb).Length 1 "the timer sends it"
            }

            test "limited transmit: the first two duplicate ACKs each send one new segment, the third retransmits" {
                let a, ra, b, rb = connected settings settings
                // First an ACK of two segments, so A knows B's window (the SYN-ACK's is unscaled).
                send 2L a ra 2 |> List.iter (deliver 3L b)
                acks rb |> List.iter (deliver 4L a)
                let sent = send 4L a ra 20
                Expect.isGreaterThan sent.Length 3 "a window of segments in flight"
                let lost, _ = sent.Head

                let highest =
                    sent |> List.map (fun (h, p) -> h.Sequence + uint32 p.Length) |> List.max

                let duplicate i =
                    deliver 5L b sent[i]
                    let dupack = acks rb |> List.exactlyOne
                    Expect.equal (fst dupack).Acknowledgment lost.Sequence "a duplicate ACK of the lost segment"
                    deliver 5L a dupack
                    ra.Take()

                let first = duplicate 1

                Expect.equal
                    (first |> List.map (fun (h, p) -> h.Sequence, p.Length))
                    [ highest, payload a ]
                    "one new segment"

                let second = duplicate 2

                Expect.equal
                    (second |> List.map (fun (h, _) -> h.Sequence))
                    [ highest + uint32 (payload a) ]
                    "and one more"

                let third = duplicate 3
                Expect.equal (third |> List.map (fun (h, _) -> h.Sequence)) [ lost.Sequence ] "fast retransmit"
                Expect.equal a.Counters[TcpCount.LimitedTransmits] 2L "two limited transmits counted"
                Expect.equal a.Counters[TcpCount.FastRetransmits] 1L "one fast retransmit"
                Expect.equal a.Counters[TcpCount.Timeouts] 0L "no timeout"
            }
        ]
