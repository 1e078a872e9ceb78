/// The disabled init devices (upstream's no_sleep, no_ptime, no_mtime, no_random): a use fails with
/// an error naming the config's choice and the way back; a reporter with no clock logs lines without a time.
module Mirage.Tests.Runtime.DisabledDevicesTests

open System
open System.IO
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Entropy
open Mirage.Runtime.Logging
open Mirage.Runtime.Time

let private refused (disabledBy: string) (defaultDevice: string) (use': unit -> unit) =
    Expect.throwsC use' (fun e ->
        Expect.isTrue (e :? DisabledDeviceException) $"{disabledBy} refuses with a DisabledDeviceException"
        Expect.stringContains e.Message $"registers it with {disabledBy}" "names the config's choice"
        Expect.stringContains e.Message $"register it with {defaultDevice}" "says the way back")

[<Tests>]
let tests =
    testList
        "Runtime.Disabled devices"
        [
            testCase "every use of a disabled device fails, naming it and its default"
            <| fun () ->
                refused "no_sleep" "default_sleep" (fun () ->
                    NoSleep.Connect().SleepAsync(TimeSpan.FromSeconds 1.0) |> ignore)

                refused "no_sleep" "default_sleep" (fun () -> NoSleep.Connect().SleepNsAsync 1L |> ignore)
                refused "no_ptime" "default_ptime" (fun () -> NoPClock.Connect().NowDPs() |> ignore)
                refused "no_ptime" "default_ptime" (fun () -> NoPClock.Connect().CurrentTzOffsetSeconds() |> ignore)
                refused "no_mtime" "default_mtime" (fun () -> NoMClock.Connect().ElapsedNs() |> ignore)
                refused "no_mtime" "default_mtime" (fun () -> NoMClock.Connect().PeriodNs() |> ignore)
                refused "no_random" "default_random" (fun () -> NoRandom.Connect().Fill(Span(Array.zeroCreate 8)))

            testCase "with no POSIX clock, the console reporter's lines have no time, and nothing fails"
            <| fun () ->
                use output = new StringWriter()

                let reporter =
                    ConsoleReporter(output, Nullable LogLevel.Info, null, NoPClock.Connect())

                reporter.Report("application", LogLevel.Info, "hello")
                Expect.equal (output.ToString()) ("INF [application] hello" + Environment.NewLine) "no time"

            testCase "with a clock, PClockTime.NowIfAny reads it; with none, it is null"
            <| fun () ->
                Expect.equal
                    (PClockTime.NowIfAny(MockPClock.Connect()))
                    (Nullable DateTimeOffset.UnixEpoch)
                    "the mock's epoch"

                Expect.isFalse (PClockTime.NowIfAny(NoPClock.Connect())).HasValue "no clock, no time"
        ]
