module Mirage.Tests.Runtime.TimeTests

open System
open System.Diagnostics
open System.Threading
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Time
open Mirage.Tests.Runtime.Fakes

let private epoch = DateTimeOffset.UnixEpoch
let private picosecondsPerSecond = 1_000_000_000_000L

/// Waits (boundedly) for a condition that another thread makes true.
let private eventually description (condition: unit -> bool) =
    let deadline = Stopwatch.StartNew()

    while not (condition ()) && deadline.Elapsed < TimeSpan.FromSeconds 10.0 do
        Thread.Sleep 1

    Expect.isTrue (condition ()) description

let private pclock =
    testList
        "POSIX clock"
        [
            testCase "now is days since the epoch and picoseconds into the day"
            <| fun () ->
                let clock = DefaultPClock(ManualTimeProvider(epoch.AddDays(1.0).AddSeconds(1.5)))
                Expect.equal (clock.NowDPs()) (struct (1, 1_500_000_000_000L)) "1970-01-02T00:00:01.5Z"

            testCase "before the epoch the days are negative and the picoseconds positive"
            <| fun () ->
                let clock = DefaultPClock(ManualTimeProvider(epoch.AddSeconds -1.0))
                Expect.equal (clock.NowDPs()) (struct (-1, 86_399L * picosecondsPerSecond)) "1969-12-31T23:59:59Z"

            testProperty "DateTimeOffset -> (days, ps) -> DateTimeOffset is the identity"
            <| Prop.forAll
                (Gen.choose64 (DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks)
                 |> Arb.fromGen)
                (fun ticks ->
                    let instant = DateTimeOffset(ticks, TimeSpan.Zero)
                    let struct (days, ps) as time = PClockTime.FromDateTimeOffset instant
                    Expect.isTrue (ps >= 0L && ps < PClockTime.PicosecondsPerDay) "ps within the day"
                    Expect.equal (PClockTime.ToDateTimeOffset time) instant $"({days}, {ps})")

            testCase "picoseconds outside a day are refused"
            <| fun () ->
                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> PClockTime.ToDateTimeOffset(struct (0, PClockTime.PicosecondsPerDay)) |> ignore)
                    "a whole day"

                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> PClockTime.ToDateTimeOffset(struct (Int32.MaxValue, 0L)) |> ignore)
                    "too many days"

            testCase "the time zone offset comes from the provider's local zone"
            <| fun () ->
                let zone =
                    TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours 2.0, "test+2", "test+2")

                let clock = DefaultPClock(ManualTimeProvider(epoch, TimeSpan.TicksPerSecond, zone))
                Expect.equal (clock.CurrentTzOffsetSeconds()) (Nullable 7200) "offset"

            testCase "the system clock is close to DateTimeOffset.UtcNow"
            <| fun () ->
                let now = PClockTime.ToDateTimeOffset(DefaultPClock.Connect().NowDPs())
                Expect.isLessThan (abs (now - DateTimeOffset.UtcNow).TotalSeconds) 60.0 "within a minute"
        ]

let private mclock =
    testList
        "monotonic clock"
        [
            testCase "elapsed nanoseconds follow the provider's timestamps"
            <| fun () ->
                let provider = ManualTimeProvider(epoch, 1000L, TimeZoneInfo.Utc)
                let clock = DefaultMClock provider
                Expect.equal (clock.ElapsedNs()) 0L "at creation"
                provider.Advance(TimeSpan.FromSeconds 1.5)
                Expect.equal (clock.ElapsedNs()) 1_500_000_000L "after 1.5 s"
                Expect.equal (clock.PeriodNs()) (Nullable 1_000_000L) "a millisecond per timestamp tick"

            testCase "a high timestamp frequency neither overflows nor loses precision"
            <| fun () ->
                let provider = ManualTimeProvider(epoch, 3_000_000_000L, TimeZoneInfo.Utc)
                let clock = DefaultMClock provider
                provider.Advance(TimeSpan.FromDays 400.0)
                Expect.equal (clock.ElapsedNs()) (400L * 86_400L * 1_000_000_000L) "400 days"
                Expect.equal (clock.PeriodNs()) (Nullable 1L) "rounded up to 1 ns"

            testCase "the system clock never goes back"
            <| fun () ->
                let clock = DefaultMClock.Connect()
                let readings = [ for _ in 1..1000 -> clock.ElapsedNs() ]
                Expect.equal readings (List.sort readings) "non-decreasing"
                Expect.isGreaterThan (clock.PeriodNs().Value) 0L "a period"
        ]

let private sleep =
    testList
        "sleep"
        [
            testCase "a sleep ends when its time has passed, not before"
            <| fun () ->
                let provider = ManualTimeProvider epoch
                let sleeping = DefaultSleep(provider).SleepAsync(TimeSpan.FromSeconds 10.0).AsTask()
                provider.Advance(TimeSpan.FromSeconds 9.0)
                Expect.isFalse sleeping.IsCompleted "after 9 s"
                provider.Advance(TimeSpan.FromSeconds 1.0)
                eventually "completed after 10 s" (fun () -> sleeping.IsCompletedSuccessfully)

            testCase "a sub-millisecond sleep is rounded up to a whole millisecond, not down to none"
            <| fun () ->
                let provider = ManualTimeProvider epoch
                let sleeping = DefaultSleep(provider).SleepNsAsync(150L).AsTask()
                Expect.isFalse sleeping.IsCompleted "at once"
                provider.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - 1L))
                Expect.isFalse sleeping.IsCompleted "before 1 ms"
                provider.Advance(TimeSpan.FromTicks 1L)
                eventually "completed after 1 ms" (fun () -> sleeping.IsCompletedSuccessfully)

            testCase "a sleep longer than one timer waits in steps"
            <| fun () ->
                // 100 days is more than twice the longest timer (about 49.7 days): three timers in turn.
                let provider = ManualTimeProvider epoch
                let sleeping = DefaultSleep(provider).SleepAsync(TimeSpan.FromDays 100.0).AsTask()
                let mutable day = 0

                while not sleeping.IsCompleted && day < 150 do
                    provider.Advance(TimeSpan.FromDays 1.0)
                    day <- day + 1

                    eventually $"day {day}: done or waiting" (fun () ->
                        sleeping.IsCompleted || provider.PendingTimers = 1)

                Expect.isTrue sleeping.IsCompletedSuccessfully "completed"
                // Exactly 100 when each step starts at once; a step started off-thread starts a little later.
                Expect.isTrue (day >= 100 && day <= 102) $"completed on day {day}"

            testCase "zero and negative durations complete at once"
            <| fun () ->
                let sleep = DefaultSleep.Connect()
                Expect.isTrue (sleep.SleepAsync(TimeSpan.Zero).IsCompletedSuccessfully) "zero"
                Expect.isTrue (sleep.SleepNsAsync(-5L).IsCompletedSuccessfully) "negative"

            testCase "cancelling a sleep ends it with a cancellation"
            <| fun () ->
                use cancel = new CancellationTokenSource()

                let sleeping =
                    DefaultSleep.Connect().SleepAsync(TimeSpan.FromHours 1.0, cancel.Token).AsTask()

                Expect.isFalse sleeping.IsCompleted "sleeping"
                cancel.Cancel()
                eventually "ended" (fun () -> sleeping.IsCompleted)
                Expect.isTrue sleeping.IsCanceled "cancelled"

                Expect.throwsT<TaskCanceledException>
                    (fun () -> sleeping.GetAwaiter().GetResult())
                    "awaiting throws a cancellation"

            testCase "a cancelled token cancels at once, even a zero sleep"
            <| fun () ->
                let sleep = DefaultSleep.Connect()
                let token = CancellationToken true
                Expect.isTrue (sleep.SleepAsync(TimeSpan.FromSeconds 1.0, token).IsCanceled) "one second"
                Expect.isTrue (sleep.SleepAsync(TimeSpan.Zero, token).IsCanceled) "zero"

            testCase "the system sleep takes about its time"
            <| fun () ->
                let watch = Stopwatch.StartNew()

                DefaultSleep.Connect().SleepNsAsync(50_000_000L).AsTask().Wait(TimeSpan.FromSeconds 30.0)
                |> fun finished -> Expect.isTrue finished "finished"

                Expect.isGreaterThanOrEqual watch.Elapsed (TimeSpan.FromMilliseconds 40.0) "not much sooner than 50 ms"
        ]

[<Tests>]
let tests = testList "Runtime.Time" [ pclock; mclock; sleep ]
