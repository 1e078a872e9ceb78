/// Test doubles shared by the runtime tests. (Files compile in name order: this one must sort
/// before the test files that use it.)
module Mirage.Tests.Runtime.Fakes

open System
open System.IO
open System.Threading
open System.Threading.Tasks
open Mirage.Runtime.Logging

/// A timer of a ManualTimeProvider: fires when the provider's time is advanced past its due time.
type ManualTimer internal (owner: ManualTimeProvider, callback: TimerCallback, state: obj | null) =
    member val internal Due: DateTimeOffset option = None with get, set
    member val internal Period: TimeSpan = Timeout.InfiniteTimeSpan with get, set
    member internal _.Fire() = callback.Invoke state

    interface ITimer with
        member this.Change(dueTime, period) = owner.Schedule(this, dueTime, period)
        member this.Dispose() = owner.Cancel this

        member this.DisposeAsync() =
            owner.Cancel this
            ValueTask()

/// A TimeProvider whose time moves only when a test advances it; its timers fire during Advance,
/// in due order. Timestamps count from the start at timestampFrequency ticks per second.
and ManualTimeProvider(start: DateTimeOffset, timestampFrequency: int64, localTimeZone: TimeZoneInfo) =
    inherit TimeProvider()
    let gate = obj ()
    let mutable now = start
    let timers = ResizeArray<ManualTimer>()

    new(start) = ManualTimeProvider(start, TimeSpan.TicksPerSecond, TimeZoneInfo.Utc)

    override _.GetUtcNow() = lock gate (fun () -> now)
    override _.LocalTimeZone = localTimeZone
    override _.TimestampFrequency = timestampFrequency

    override _.GetTimestamp() =
        let elapsed = lock gate (fun () -> now - start)

        int64 (
            decimal elapsed.Ticks * decimal timestampFrequency
            / decimal TimeSpan.TicksPerSecond
        )

    override this.CreateTimer(callback, state, dueTime, period) =
        let timer = new ManualTimer(this, callback, state)
        this.Schedule(timer, dueTime, period) |> ignore
        timer :> ITimer

    /// How many timers are waiting to fire.
    member _.PendingTimers = lock gate (fun () -> timers.Count)

    member internal _.Schedule(timer: ManualTimer, dueTime: TimeSpan, period: TimeSpan) =
        lock gate (fun () ->
            timers.Remove timer |> ignore

            if dueTime <> Timeout.InfiniteTimeSpan then
                timer.Due <- Some(now + dueTime)
                timer.Period <- period
                timers.Add timer
            else
                timer.Due <- None)

        true

    member internal _.Cancel(timer: ManualTimer) =
        lock gate (fun () ->
            timers.Remove timer |> ignore
            timer.Due <- None)

    /// Moves time forward by `by`, firing every timer that falls due on the way.
    member _.Advance(by: TimeSpan) =
        let target = lock gate (fun () -> now + by)

        let nextDue () =
            lock gate (fun () ->
                let due =
                    timers
                    |> Seq.filter (fun timer -> timer.Due.Value <= target)
                    |> Seq.sortBy (fun timer -> timer.Due.Value)
                    |> Seq.tryHead

                match due with
                | Some timer ->
                    now <- max now timer.Due.Value
                    timers.Remove timer |> ignore

                    if timer.Period > TimeSpan.Zero then
                        timer.Due <- Some(now + timer.Period)
                        timers.Add timer
                    else
                        timer.Due <- None

                    Some timer
                | None ->
                    now <- target
                    None)

        let mutable firing = nextDue ()

        while firing.IsSome do
            firing.Value.Fire()
            firing <- nextDue ()

/// 2026-11-23T09:03:48.1239999Z: a time whose milliseconds must be truncated, not rounded.
let sampleTime =
    DateTimeOffset(2026, 11, 23, 9, 3, 48, 123, TimeSpan.Zero).AddTicks 9999L

/// A reporter writing to a StringWriter at the given thresholds, with the clock stopped at sampleTime.
let stringReporter (level: LogLevel option) (logs: LogThresholds option) =
    let output = new StringWriter()

    let reporter =
        ConsoleReporter(
            output,
            Option.toNullable level,
            Option.toObj logs,
            Mirage.Runtime.Time.DefaultPClock(ManualTimeProvider sampleTime)
        )

    reporter, output

/// The lines written so far, without line breaks.
let linesOf (writer: StringWriter) =
    writer.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
    |> List.ofArray

/// Runs `body` with `reporter` installed as Platform.Reporter, then puts the previous one back.
/// Tests that use it must be sequenced, since Platform is process-wide.
let withReporter (reporter: IReporter) body =
    let previous = Mirage.Runtime.Platform.Reporter
    Mirage.Runtime.Platform.UseReporter reporter

    try
        body ()
    finally
        Mirage.Runtime.Platform.UseReporter previous
