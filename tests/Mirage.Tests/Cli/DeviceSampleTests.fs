/// The device samples (clock, heads, timeout, app_info, local-library), end to end on every target:
/// configure, build, run, and check what a user sees.
module Mirage.Tests.Cli.DeviceSampleTests

open System
open System.Diagnostics
open System.Globalization
open System.IO
open System.Text.RegularExpressions
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

/// A line of the console reporter from the application source: its time, level tag and message.
let private appLine =
    Regex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (APP|INF) \[application\] (.*)$")

let private lines (result: Result) =
    result.StdoutLines
    |> Array.map (fun line ->
        let m = appLine.Match line
        Expect.isTrue m.Success $"log line format: '{line}'"

        let time =
            DateTime.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)

        time, m.Groups[2].Value, m.Groups[3].Value)

/// Configures `name` for `target` with extra configure arguments, builds it, returns the binary.
let private buildWith name target (extra: string list) =
    let dir = sampleDir name
    let configure = mirage dir ([ "configure"; "-t"; target ] @ extra)
    Expect.equal configure.ExitCode 0 $"configure {name} -t {target} {extra}\n{configure}"
    let built = mirage dir [ "build" ]
    Expect.equal built.ExitCode 0 $"build {name} ({target})\n{built}"
    Path.Combine(dir, "dist", name)

let private timed dir binary args =
    let clock = Stopwatch.StartNew()
    let result = run dir binary args
    result, clock.Elapsed.TotalSeconds

let private elapsedLine = Regex(@"^(\d+) nanoseconds have elapsed\.$")

let private strokeLine =
    // The sample rings the bell (upstream's \007); reporters escape control characters, so it shows as \x07.
    Regex(@"^At the stroke, the time will be (.+) \\x07 \*BEEP\*$")

let private samplesOn target =
    testList
        target
        [
            testCase "clock speaks --ticks times: elapsed nanoseconds grow, the time is now"
            <| fun () ->
                let dir = sampleDir "clock"
                let binary = build "clock" target
                checkBinary target binary
                let before = DateTimeOffset.UtcNow
                let result = run dir binary [ "--ticks"; "2" ]
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                let logged = lines result
                Expect.equal logged.Length 4 $"two ticks of two lines\n{result}"
                Expect.all logged (fun (_, level, _) -> level = "APP") "at level app"
                let messages = logged |> Array.map (fun (_, _, m) -> m)

                let elapsed =
                    [ messages[0]; messages[2] ]
                    |> List.map (fun m ->
                        let found = elapsedLine.Match m
                        Expect.isTrue found.Success $"elapsed line: '{m}'"
                        Int64.Parse found.Groups[1].Value)

                let gap = float (elapsed[1] - elapsed[0]) / 1e9
                Expect.isGreaterThanOrEqual gap 0.99 "a second of monotonic time between ticks"
                Expect.isLessThan gap 3.0 "about a second"

                for m in [ messages[1]; messages[3] ] do
                    let found = strokeLine.Match m
                    Expect.isTrue found.Success $"stroke line: '{m}'"

                    let told =
                        DateTimeOffset.ParseExact(
                            found.Groups[1].Value,
                            "yyyy-MM-dd HH:mm:ss zzz",
                            CultureInfo.InvariantCulture
                        )

                    Expect.isGreaterThanOrEqual told (before.AddSeconds -1.0) "not before the run"
                    Expect.isLessThan told (DateTimeOffset.UtcNow.AddSeconds 1.0) "not after it"

            testCase "clock with --mock-clocks stays at zero and at the epoch; --ticks 0 says nothing"
            <| fun () ->
                let dir = sampleDir "clock"
                let binary = buildWith "clock" target [ "--mock-clocks" ]
                let main = File.ReadAllText(Path.Combine(dir, "mirage", "main.cs"))
                Expect.stringContains main "Mirage.Runtime.Time.MockPClock.Connect()" "the mock POSIX clock"
                Expect.stringContains main "Mirage.Runtime.Time.MockMClock.Connect()" "the mock monotonic clock"
                let result = run dir binary [ "--ticks=2" ]
                Expect.equal result.ExitCode 0 $"exit code\n{result}"

                Expect.equal
                    (lines result |> Array.map (fun (_, _, m) -> m))
                    [|
                        "0 nanoseconds have elapsed."
                        "At the stroke, the time will be 1970-01-01 00:00:00 +00:00 \\x07 *BEEP*"
                        "0 nanoseconds have elapsed."
                        "At the stroke, the time will be 1970-01-01 00:00:00 +00:00 \\x07 *BEEP*"
                    |]
                    "the mock clocks do not move by themselves"

                let silent = run dir binary [ "--ticks"; "0" ]
                Expect.equal silent.ExitCode 0 $"exit code\n{silent}"
                Expect.equal silent.Stdout "" "no tick, no line"

            testCase "heads: Heads after 1 s, Tails 1 s later (the sleeps overlap), then Finished at once"
            <| fun () ->
                let dir = sampleDir "heads"
                let binary = build "heads" target
                checkBinary target binary
                let result, seconds = timed dir binary []
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                let logged = lines result
                Expect.equal (logged |> Array.map (fun (_, _, m) -> m)) [| "Heads"; "Tails"; "Finished" |] "in order"
                let times = logged |> Array.map (fun (t, _, _) -> t)
                let tailsAfterHeads = (times[1] - times[0]).TotalSeconds
                Expect.isGreaterThanOrEqual tailsAfterHeads 0.95 "Tails a second after Heads"
                Expect.isLessThan tailsAfterHeads 1.5 "the two sleeps ran at once, not one after the other"
                Expect.isLessThan (times[2] - times[1]).TotalSeconds 0.2 "Finished as soon as both are done"
                Expect.isGreaterThanOrEqual seconds 2.0 "the longer sleep is waited for"

            testCase "timeout: a quick task returns Heads, a slow one is cancelled at 2 s"
            <| fun () ->
                let dir = sampleDir "timeout"
                let binary = build "timeout" target
                checkBinary target binary
                let quick, quickSeconds = timed dir binary [ "--delay"; "100" ]
                Expect.equal quick.ExitCode 0 $"exit code\n{quick}"
                Expect.equal (lines quick |> Array.map (fun (_, _, m) -> m)) [| "Returned \"Heads\"" |] "the task won"
                Expect.isLessThan quickSeconds 1.9 "without waiting for the timeout"
                let slow, slowSeconds = timed dir binary [ "--delay=10000" ]
                Expect.equal slow.ExitCode 0 $"exit code\n{slow}"
                Expect.equal (lines slow |> Array.map (fun (_, _, m) -> m)) [| "Cancelled" |] "the timeout won"
                Expect.isGreaterThanOrEqual slowSeconds 2.0 "at the timeout"
                Expect.isLessThan slowSeconds 6.0 "without waiting for the 10 s task"
                let drawn = run dir binary []
                Expect.equal drawn.ExitCode 0 $"exit code\n{drawn}"

                Expect.contains
                    [ [| "Returned \"Heads\"" |]; [| "Cancelled" |] ]
                    (lines drawn |> Array.map (fun (_, _, m) -> m))
                    "a random delay gives one of the two"

            testCase "app_info prints its name, version, target and resolved packages"
            <| fun () ->
                let dir = sampleDir "app_info"
                let binary = build "app_info" target
                checkBinary target binary
                let result = run dir binary []
                Expect.equal result.ExitCode 0 $"exit code\n{result}"

                Expect.equal
                    result.StdoutLines
                    [|
                        $"app_info 1.0.0 ({target})"
                        "packages:"
                        "  - Microsoft.Extensions.Primitives [10.0.0,11.0.0)"
                        "package names: Microsoft.Extensions.Primitives"
                    |]
                    "what configure resolved"

            testCase "local-library logs the message of the library project beside it"
            <| fun () ->
                let dir = sampleDir "local-library"
                let binary = build "local-library" target
                checkBinary target binary
                let project = File.ReadAllText(Path.Combine(dir, "mirage", "local-library.csproj"))

                Expect.stringContains
                    project
                    "<ProjectReference Include=\"../Greeting/Greeting.csproj\" />"
                    "references it"

                Expect.stringContains project "../Greeting/**" "and keeps its sources out of the unikernel's"
                let result = run dir binary []
                Expect.equal result.ExitCode 0 $"exit code\n{result}"

                Expect.equal
                    (lines result |> Array.map (fun (_, _, m) -> m))
                    [| "The Greeting library has a message for you: Hello!" |]
                    "the library's message"
        ]

/// A unikernel that logs its --hello at info and at warning, registered with `init` (register's
/// optional init devices), built in a temporary folder for unix.
let private sayWith (dir: TempDir) (init: string) =
    dir.Write
        "config.fsx"
        $"""open Mirage
open type Mirage.Dsl

let hello = runtime_arg ("hello", Runtime_arg.string "default", doc = "What to say.")
let main = main ("Unikernel.Say", job, runtime_args = [ hello ])

register ("say", [ main ]{init})
"""
    |> ignore

    dir.Write
        "Unikernel.cs"
        """namespace Unikernel;

public sealed class Say(string hello) : Mirage.Runtime.IJob
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Mirage.Runtime.Logging.Log.Info($"info: {hello}");
        Mirage.Runtime.Logging.Log.Warning($"warning: {hello}");
        return Task.CompletedTask;
    }
}
"""
    |> ignore

    let configure = mirage dir.Path [ "configure"; "-t"; "unix" ]

    Expect.equal
        configure.ExitCode
        0
        $"configure
{configure}"

    let built = mirage dir.Path [ "build" ]

    Expect.equal
        built.ExitCode
        0
        $"build
{built}"

    Path.Combine(dir.Path, "dist", "say")

let private messagesOf (result: Result) =
    result.StdoutLines
    |> Array.map (fun line -> Regex.Replace(line, @"^\S+ (\w+) \[application\] ", "$1 "))

let private initDevices =
    testList
        "init devices"
        [
            testCase "default_reporter ~level sets the threshold, which --logs overrides"
            <| fun () ->
                use dir = new TempDir()
                let binary = sayWith dir ", reporter = default_reporter (level = Logs.Warning)"
                let quiet = run dir.Path binary [ "--hello=given" ]
                Expect.equal quiet.ExitCode 0 $"exit code\n{quiet}"
                Expect.equal (messagesOf quiet) [| "WRN warning: given" |] "info is below the threshold"
                let verbose = run dir.Path binary [ "--hello=given"; "-l"; "info" ]
                Expect.equal (messagesOf verbose) [| "INF info: given"; "WRN warning: given" |] "--logs info"

            testCase "no_argv ignores the command line: runtime arguments keep their defaults"
            <| fun () ->
                use dir = new TempDir()
                let binary = sayWith dir ", argv = no_argv"
                let result = run dir.Path binary [ "--hello=given"; "--bogus"; "-l"; "quiet" ]
                Expect.equal result.ExitCode 0 $"not even --bogus is read\n{result}"
                Expect.equal (messagesOf result) [| "INF info: default"; "WRN warning: default" |] "the defaults"

            testCase "no_reporter logs nothing and has no --logs argument"
            <| fun () ->
                use dir = new TempDir()
                let binary = sayWith dir ", reporter = no_reporter"
                let result = run dir.Path binary [ "--hello=given" ]
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                Expect.equal result.Stdout "" "nothing logged"
                let logs = run dir.Path binary [ "-l"; "debug" ]
                Expect.equal logs.ExitCode 64 $"-l is unknown\n{logs}"
        ]

[<Tests>]
let tests =
    sampleTests "Cli.device samples" [ samplesOn "unix"; samplesOn "aot"; initDevices ]
