/// Shared by the TCP tests: a recording output, segment builders, and a virtual-time lossy link between two pure
/// connections (no clock, no sockets: the state machine alone).
module Mirage.Tests.Runtime.Tcpip.TcpSupport

open System
open System.Collections.Generic
open System.Security.Cryptography
open System.Threading.Tasks
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Runtime.Tcpip.Wire

/// What a connection sent and signalled, and how many of its segments it said were sent again.
type Recorder() =
    let segments = ResizeArray<TcpHeader * byte array>()
    let signals = ResizeArray<TcpSignal>()
    member _.Segments = segments
    member _.Signals = signals
    member val Retransmitted = 0 with get, set

    /// The segments sent since the last call.
    member _.Take() =
        let taken = List.ofSeq segments
        segments.Clear()
        taken

    interface ITcpOutput with
        member _.Emit(_tuple, header, first, second) =
            segments.Add(header, Array.append (first.ToArray()) (second.ToArray()))

        member _.Signal(_, signal) = signals.Add signal

        member this.Retransmitting() =
            this.Retransmitted <- this.Retransmitted + 1

let tupleA =
    TcpTuple(TcpTuple.FromV4 0x0A000002u, 40000us, TcpTuple.FromV4 0x0A000003u, 80us)

let tupleB =
    TcpTuple(TcpTuple.FromV4 0x0A000003u, 80us, TcpTuple.FromV4 0x0A000002u, 40000us)

let issA, issB = 1000u, 0xFFFF_FF00u

let settings = TcpSettings()

let flags (header: TcpHeader) = header.Flags

let has (flag: TcpFlags) (header: TcpHeader, _: byte array) = header.Flags.HasFlag flag

/// Hands a recorded segment to a connection.
let deliver (now: int64) (connection: TcpConnection) (header: TcpHeader, payload: byte array) =
    connection.Segment(now, header, ReadOnlySpan payload)

/// A segment from the peer of <paramref name="connection"/>, with the given fields.
let segment (seq: uint32) (ack: uint32) (f: TcpFlags) (window: uint16) (options: TcpOptions) =
    TcpHeader(80us, 40000us, seq, ack, f, window, options)

/// Reads everything readable.
let drain (now: int64) (connection: TcpConnection) =
    let mutable first = ReadOnlyMemory<byte>.Empty
    let mutable second = ReadOnlyMemory<byte>.Empty
    connection.Peek(&first, &second)
    let bytes = Array.append (first.ToArray()) (second.ToArray())
    connection.Consume(now, bytes.Length)
    bytes

/// Two connected pure connections, A (active) and B (passive), after a clean handshake at time 0.
let connected (settingsA: TcpSettings) (settingsB: TcpSettings) =
    let ra, rb = Recorder(), Recorder()
    let a = TcpConnection.Connect(tupleA, issA, 7u, 1460, settingsA, ra, 0L)
    let syn = ra.Take() |> List.exactlyOne
    let b = TcpConnection.Accept(tupleB, issB, 9u, 1460, settingsB, rb, 0L, fst syn)
    rb.Take() |> List.iter (deliver 1L a)
    ra.Take() |> List.iter (deliver 1L b)
    a, ra, b, rb

/// Link faults for the virtual-time link.
type Faults =
    {
        Loss: float
        Duplication: float
        Reordering: float
        DelayMs: int64
    }

/// Runs a one-way transfer of <paramref name="data"/> from A to B over a lossy virtual link until B has read it
/// all and both ends closed (or the virtual deadline passes); returns B's bytes, the virtual time and both ends.
let transfer (seed: int) (faults: Faults) (data: byte array) (deadlineMs: int64) =
    let random = Random seed
    let a, ra, b, rb = connected settings settings
    // In flight: (arrival time, order, destination, segment).
    let inFlight =
        PriorityQueue<(TcpConnection * (TcpHeader * byte array)), struct (int64 * int64)>()

    let mutable order = 0L
    let mutable now = 1L
    let received = ResizeArray<byte>(data.Length)
    let mutable written = 0
    let mutable closedA = false

    let send (target: TcpConnection) (recorder: Recorder) =
        for s in recorder.Take() do
            if random.NextDouble() >= faults.Loss then
                let extra =
                    if random.NextDouble() < faults.Reordering then
                        int64 (random.Next(1, 20))
                    else
                        0L

                order <- order + 1L
                inFlight.Enqueue((target, s), struct (now + faults.DelayMs + extra, order))

                if random.NextDouble() < faults.Duplication then
                    order <- order + 1L
                    inFlight.Enqueue((target, s), struct (now + faults.DelayMs + extra + 1L, order))

    let pump () =
        written <- written + a.Write(now, ReadOnlySpan(data, written, data.Length - written))

        if written = data.Length && not closedA then
            a.Close now
            closedA <- true

        received.AddRange(drain now b)

        if b.AtEnd && b.State = TcpState.CloseWait then
            b.Close now

        send b ra
        send a rb

    while (b.State <> TcpState.Closed
           || a.State <> TcpState.TimeWait && a.State <> TcpState.Closed)
          && now < deadlineMs do
        pump ()

        let next =
            let mutable e = Unchecked.defaultof<_>
            let mutable p = Unchecked.defaultof<_>

            let arrival =
                if inFlight.TryPeek(&e, &p) then
                    let struct (t, _) = p
                    t
                else
                    Int64.MaxValue

            min arrival (min a.NextDeadline b.NextDeadline)

        now <- max now (min next deadlineMs)
        let mutable e = Unchecked.defaultof<_>
        let mutable p = Unchecked.defaultof<_>

        while inFlight.TryPeek(&e, &p) && (let struct (t, _) = p in t <= now) do
            let target, s = inFlight.Dequeue()
            deliver now target s
            pump ()

        a.Tick now
        b.Tick now
        pump ()

    received.ToArray(), now, a, b

let sha256 (bytes: byte array) =
    Convert.ToHexString(SHA256.HashData bytes)

/// Deterministic pseudo-random bytes.
let bytesOf (seed: int) (length: int) =
    let bytes = Array.zeroCreate length
    Random(seed).NextBytes bytes
    bytes

/// Reads a flow to its end, hashing: the byte count and the SHA-256 (upper-case hex); fails on a flow error.
let hashFlow (flow: ITcpFlow) : Task<int64 * string> =
    task {
        use hash = IncrementalHash.CreateHash HashAlgorithmName.SHA256
        let mutable total = 0L
        let mutable go = true

        while go do
            let! result = flow.ReadAsync()

            if result.IsData then
                let mutable segments = result.Data.GetEnumerator()

                while segments.MoveNext() do
                    hash.AppendData segments.Current.Span
                    total <- total + int64 segments.Current.Length
            else
                if result.Error.HasValue then
                    failwith $"flow error {result.Error}"

                go <- false

        return total, Convert.ToHexString(hash.GetHashAndReset())
    }

/// Listens on <paramref name="port"/>: completes with the byte count and SHA-256 of the first flow accepted, read to its end.
let hashFirstFlow (tcp: TcpLayer) (port: int) : Task<int64 * string> =
    let received =
        TaskCompletionSource<int64 * string>(TaskCreationOptions.RunContinuationsAsynchronously)

    tcp.Listen(
        port,
        fun flow ->
            task {
                let! outcome = hashFlow flow
                received.SetResult outcome
            }
            |> ValueTask
    )
    |> ignore

    received.Task
