module Mirage.Tests.Runtime.MockTimeTests

open System
open System.Diagnostics
open System.Threading
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Time
open Mirage.Tests.Runtime.Fakes

let private timesInADay =
    Gen.zip (Gen.choose (-1_000_000, 1_000_000)) (Gen.choose64 (0L, PClockTime.PicosecondsPerDay - 1L))
    |> Arb.fromGen

let private mockPClock =
    testList
        "mock POSIX clock"
        [
            testCase "starts at the epoch, with no time zone and no period"
            <| fun () ->
                let clock = MockPClock.Connect()
                Expect.equal (clock.NowDPs()) (struct (0, 0L)) "the epoch"
                Expect.isFalse (clock.CurrentTzOffsetSeconds().HasValue) "no time zone"
                Expect.isFalse (clock.PeriodDPs().HasValue) "no period"

            testProperty "reads back exactly the (days, ps) it was set to, and stays there"
            <| Prop.forAll timesInADay (fun (days, ps) ->
                let clock = MockPClock()
                clock.Set(struct (days, ps))
                Expect.equal (clock.NowDPs()) (struct (days, ps)) "as set"
                Expect.equal (clock.NowDPs()) (struct (days, ps)) "still")

            testCase "an instant, a time zone and a period can be set and unset"
            <| fun () ->
                let clock = MockPClock()
                let instant = DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero)
                clock.Set instant
                Expect.equal (PClockTime.ToDateTimeOffset(clock.NowDPs())) instant "the instant"
                clock.SetTzOffset(Nullable 3600)
                Expect.equal (clock.CurrentTzOffsetSeconds()) (Nullable 3600) "UTC+1"
                clock.SetPeriod(Nullable<struct (int * int64)>(struct (0, 1_000L)))
                Expect.equal (clock.PeriodDPs()) (Nullable<struct (int * int64)>(struct (0, 1_000L))) "1 ns"
                clock.SetTzOffset(Nullable())
                clock.SetPeriod(Nullable())
                Expect.isFalse (clock.CurrentTzOffsetSeconds().HasValue) "unknown again"
                Expect.isFalse (clock.PeriodDPs().HasValue) "unknown again"

            testCase "picoseconds outside a day and negative periods are refused, the time unchanged"
            <| fun () ->
                let clock = MockPClock()
                clock.Set(struct (5, 7L))

                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> clock.Set(struct (1, PClockTime.PicosecondsPerDay)))
                    "a whole day of picoseconds"

                Expect.throwsT<ArgumentOutOfRangeException> (fun () -> clock.Set(struct (1, -1L))) "negative"

                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> clock.SetPeriod(Nullable<struct (int * int64)>(struct (-1, 0L))))
                    "a negative period"

                Expect.equal (clock.NowDPs()) (struct (5, 7L)) "unchanged"
        ]

let private mockMClock =
    testList
        "mock monotonic clock"
        [
            testCase "starts at zero with no period; Tick adds a nanosecond, Reset goes back to zero"
            <| fun () ->
                let clock = MockMClock.Connect()
                Expect.equal (clock.ElapsedNs()) 0L "zero"
                Expect.isFalse (clock.PeriodNs().HasValue) "no period"
                clock.Tick()
                clock.Tick()
                Expect.equal (clock.ElapsedNs()) 2L "two ticks"
                clock.TickFor(TimeSpan.FromSeconds 1.0)
                Expect.equal (clock.ElapsedNs()) 1_000_000_002L "and a second"
                clock.Reset()
                Expect.equal (clock.ElapsedNs()) 0L "reset"

            testProperty "ticks never move it back, and it counts every nanosecond it is told"
            <| Prop.forAll (Gen.listOf (Gen.choose64 (0L, 1_000_000_000_000L)) |> Arb.fromGen) (fun steps ->
                let clock = MockMClock()
                let mutable previous = clock.ElapsedNs()

                for step in steps do
                    clock.TickFor step
                    let now = clock.ElapsedNs()
                    Expect.isGreaterThanOrEqual now previous "monotonic"
                    Expect.equal (now - previous) step "by the step"
                    previous <- now

                Expect.equal (clock.ElapsedNs()) (List.sum steps) "the sum of the steps")

            testCase "negative steps and overflow are refused, the clock unchanged"
            <| fun () ->
                let clock = MockMClock()
                clock.TickFor 10L
                Expect.throwsT<ArgumentOutOfRangeException> (fun () -> clock.TickFor -1L) "backwards"
                Expect.throwsT<OverflowException> (fun () -> clock.TickFor Int64.MaxValue) "past 292 years"
                Expect.equal (clock.ElapsedNs()) 10L "unchanged"

            testCase "ticks from many threads all count"
            <| fun () ->
                let clock = MockMClock()

                Tasks.Parallel.For(
                    0,
                    8,
                    (fun _ ->
                        for _ in 1..10_000 do
                            clock.Tick())
                )
                |> ignore

                Expect.equal (clock.ElapsedNs()) 80_000L "every tick"
        ]

/// Waits (boundedly) for a condition that a timer callback makes true.
let private eventually description (condition: unit -> bool) =
    let deadline = Stopwatch.StartNew()

    while not (condition ()) && deadline.Elapsed < TimeSpan.FromSeconds 10.0 do
        Thread.Sleep 1

    Expect.isTrue (condition ()) description

let private sleepOrdering =
    testList
        "sleep ordering"
        [
            testProperty "on a fake TimeProvider, a sleep is done exactly when its time has passed"
            <| Prop.forAll (Gen.nonEmptyListOf (Gen.choose (0, 40)) |> Arb.fromGen) (fun durations ->
                let provider = ManualTimeProvider DateTimeOffset.UnixEpoch
                let sleep = DefaultSleep provider

                let sleeps =
                    durations
                    |> List.map (fun ms -> ms, sleep.SleepAsync(TimeSpan.FromMilliseconds(float ms)).AsTask())

                for elapsed in 0 .. List.max durations do
                    if elapsed > 0 then
                        provider.Advance(TimeSpan.FromMilliseconds 1.0)

                    for ms, task in sleeps do
                        if ms <= elapsed then
                            eventually $"{ms} ms done at {elapsed} ms" (fun () -> task.IsCompletedSuccessfully)
                        else
                            Expect.isFalse task.IsCompleted $"{ms} ms not done at {elapsed} ms")
        ]

[<Tests>]
let tests = testList "Runtime.MockTime" [ mockPClock; mockMClock; sleepOrdering ]
