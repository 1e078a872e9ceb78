module Mirage.Tests.Runtime.ReporterTests

open System
open System.Text.RegularExpressions
open System.Threading
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Logging
open Mirage.Tests.Runtime.Fakes

let private allLevels =
    [
        LogLevel.App
        LogLevel.Error
        LogLevel.Warning
        LogLevel.Info
        LogLevel.Debug
    ]

let private format =
    testList
        "line format"
        [
            testCase "one line: UTC time with milliseconds, level tag, source, message"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None
                reporter.Report("application", LogLevel.Info, "hello")

                Expect.equal
                    (output.ToString())
                    ("2026-11-23T09:03:48.123Z INF [application] hello" + Environment.NewLine)
                    "line"

            testCase "every level has its tag"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Debug) None

                for level in allLevels do
                    reporter.Report("src", level, "m")

                let tags = linesOf output |> List.map (fun line -> line.Split(' ').[1])
                Expect.equal tags [ "APP"; "ERR"; "WRN"; "INF"; "DBG" ] "tags"

            testCase "the time comes from the clock's (days, picoseconds)"
            <| fun () ->
                let clock =
                    { new Time.IPClock with
                        member _.NowDPs() =
                            struct (1, 3_600_000_000_000_000L + 5_000_000_000L)

                        member _.CurrentTzOffsetSeconds() = Nullable()
                        member _.PeriodDPs() = Nullable()
                    }

                use output = new IO.StringWriter()
                let reporter = ConsoleReporter(output, Nullable LogLevel.Info, null, clock)
                reporter.Report("s", LogLevel.Warning, "w")
                Expect.equal (linesOf output) [ "1970-01-02T01:00:00.005Z WRN [s] w" ] "line"
        ]

let private escaping =
    testList
        "escaping"
        [
            testCase "a newline in a message cannot forge a second line"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None
                // What a request for /x%0a2026-12-03T00:00:00.000Z%20ERR%20[mirage]%20FORGED logs.
                reporter.Report("http", LogLevel.Info, "GET /x\n2026-12-03T00:00:00.000Z ERR [mirage] FORGED")

                Expect.equal
                    (output.ToString())
                    ("2026-11-23T09:03:48.123Z INF [http] GET /x\\n2026-12-03T00:00:00.000Z ERR [mirage] FORGED"
                     + Environment.NewLine)
                    "one line, the newline escaped"

            testCase "C0, DEL, C1 and the Unicode line and paragraph separators are escaped in message and source"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None
                reporter.Report("s\x1b]0;", LogLevel.Info, "a\r\tb\x00\x1b[31mred\x7f\x85\x9b\u2028\u2029z")

                Expect.equal
                    (linesOf output)
                    [
                        "2026-11-23T09:03:48.123Z INF [s\\x1b]0;] a\\r\\tb\\x00\\x1b[31mred\\x7f\\x85\\x9b\\u2028\\u2029z"
                    ]
                    "escapes"

            testCase "ordinary text, backslashes and non-ASCII letters included, is unchanged"
            <| fun () ->
                let message = "Bonjour à tous ! ✓ C:\\temp \\n 𝄞"
                Expect.isTrue (obj.ReferenceEquals(LogEscaping.Escape message, message)) "the same string"
                let reporter, output = stringReporter (Some LogLevel.Info) None
                reporter.Report("application", LogLevel.Info, message)
                Expect.equal (linesOf output) [ "2026-11-23T09:03:48.123Z INF [application] " + message ] "line"
        ]

let private filtering =
    testList
        "level filtering"
        [
            testCase "a threshold shows its level and the more important ones"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Warning) None

                for level in allLevels do
                    reporter.Report("src", level, string level)

                Expect.equal
                    (linesOf output |> List.map (fun line -> line.Split(' ').[3]))
                    [ "App"; "Error"; "Warning" ]
                    "shown"

                Expect.isTrue (reporter.IsEnabled("src", LogLevel.Warning)) "warning enabled"
                Expect.isFalse (reporter.IsEnabled("src", LogLevel.Info)) "info disabled"

            testCase "no level is quiet: not even App"
            <| fun () ->
                let reporter, output = stringReporter None None
                reporter.Report("src", LogLevel.App, "m")
                Expect.equal (output.ToString()) "" "nothing"

                Expect.isFalse
                    ((ConsoleReporter.Connect(Nullable(), null)).IsEnabled("src", LogLevel.App))
                    "Connect(null, null)"

            testCase "--logs overrides the level per source"
            <| fun () ->
                let logs = LogThresholds.Parse "tcp:debug,udp:quiet"
                let reporter, output = stringReporter (Some LogLevel.Info) (Some logs)

                for source in [ "tcp"; "udp"; "other" ] do
                    reporter.Report(source, LogLevel.Info, "info")
                    reporter.Report(source, LogLevel.Debug, "debug")

                Expect.equal
                    (linesOf output |> List.map (fun line -> line.Substring(25)))
                    [ "INF [tcp] info"; "DBG [tcp] debug"; "INF [other] info" ]
                    "shown"

            testCase "an every-source entry of --logs replaces the level"
            <| fun () ->
                let reporter, _ =
                    stringReporter (Some LogLevel.Info) (Some(LogThresholds.Parse "error"))

                Expect.isFalse (reporter.IsEnabled("any", LogLevel.Warning)) "warning"
                Expect.equal (reporter.ThresholdFor "any") (Nullable LogLevel.Error) "threshold"
        ]

/// A StringWriter that gives up the processor between a line and its line break, so that writes
/// that are not serialized interleave.
type private SlowWriter() =
    inherit IO.StringWriter()

    override this.WriteLine(value: string | null) =
        this.Write value
        Thread.Sleep 0
        this.Write this.NewLine

let private concurrency =
    testCase "concurrent reports come out as whole lines"
    <| fun () ->
        use output = new SlowWriter()
        let clock = Time.DefaultPClock(ManualTimeProvider sampleTime)
        let reporter = ConsoleReporter(output, Nullable LogLevel.Info, null, clock)
        let writers, perWriter = 8, 200
        use start = new Barrier(writers)

        let threads =
            [
                for writer in 1..writers ->
                    Thread(fun () ->
                        start.SignalAndWait()

                        for i in 1..perWriter do
                            reporter.Report($"w{writer}", LogLevel.Info, String('x', 40) + string i))
            ]

        for thread in threads do
            thread.Start()

        for thread in threads do
            Expect.isTrue (thread.Join(TimeSpan.FromSeconds 60.0)) "writer finished"

        let lines = linesOf output
        Expect.equal lines.Length (writers * perWriter) "line count"
        let shape = Regex @"^2026-11-23T09:03:48\.123Z INF \[w\d\] x{40}\d+$"
        Expect.all lines shape.IsMatch "every line whole"

/// Tests of Log and Platform: they install reporters process-wide, so they run sequenced.
let private ambient =
    testSequenced
    <| testList
        "Log through Platform.Reporter"
        [
            testCase "the default reporter is a console reporter at Info"
            <| fun () ->
                match Platform.Reporter with
                | :? ConsoleReporter as console ->
                    Expect.equal (console.ThresholdFor "application") (Nullable LogLevel.Info) "info"
                | other -> failtestf "the default reporter is a %s" (other.GetType().Name)

            testCase "Log.Info reports on the application source"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None

                withReporter reporter (fun () ->
                    Log.Info "hello"
                    Log.Debug "hidden"
                    Log.Source("net").Warning "careful"
                    Log.App "app"
                    Log.Error "bad")

                Expect.equal
                    (linesOf output)
                    [
                        "2026-11-23T09:03:48.123Z INF [application] hello"
                        "2026-11-23T09:03:48.123Z WRN [net] careful"
                        "2026-11-23T09:03:48.123Z APP [application] app"
                        "2026-11-23T09:03:48.123Z ERR [application] bad"
                    ]
                    "lines"

            testCase "the interpolated-string handler builds only enabled messages"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None

                withReporter reporter (fun () ->
                    let source = Log.Source "net"
                    let mutable enabled = true

                    let mutable debug =
                        LogInterpolatedStringHandler<LogLevelTag.Debug>(6, 1, source, &enabled)

                    Expect.isFalse enabled "debug is disabled: the compiler would skip the appends"
                    source.Debug(&debug)

                    let mutable info = LogInterpolatedStringHandler<LogLevelTag.Info>(6, 1, &enabled)
                    Expect.isTrue enabled "info is enabled"
                    info.AppendLiteral "got "
                    info.AppendFormatted(42, "D4")
                    Log.Info(&info))

                Expect.equal (linesOf output) [ "2026-11-23T09:03:48.123Z INF [application] got 0042" ] "lines"

            testCase "Use* refuses null"
            <| fun () ->
                Expect.throwsT<ArgumentNullException>
                    (fun () -> Platform.UseReporter(Unchecked.defaultof<IReporter>))
                    "reporter"

                Expect.throwsT<ArgumentNullException>
                    (fun () -> Platform.UseSleep(Unchecked.defaultof<Time.ISleep>))
                    "sleep"
        ]

[<Tests>]
let tests =
    testList "Runtime.Reporter" [ format; escaping; filtering; concurrency; ambient ]
