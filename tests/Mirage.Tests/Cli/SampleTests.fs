/// The samples, end to end on every target: configure, build, run, and check what a user sees.
module Mirage.Tests.Cli.SampleTests

open System
open System.Globalization
open System.IO
open System.Text.RegularExpressions
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

/// hello and hello-key run from each config on unix: the C# twin must build a unikernel that behaves
/// the same. On aot from config.fsx only: the twins generate the same code on every target but for
/// #line directives (Cli.csharp twins), so a second Native AOT build (~40 s each) would prove no more.
let private configsOn target =
    if target = "unix" then
        [ "config.fsx"; "config.cs" ]
    else
        [ "config.fsx" ]

/// hello from dist/, started through `wrap` (withDefaultSigint, withSigintIgnored), once it has
/// logged its first line.
let private startHello (wrap: string -> string list -> string * string list) =
    let file, args = wrap (Path.Combine(sampleDir "hello", "dist", "hello")) []

    let info =
        Diagnostics.ProcessStartInfo(file, args, RedirectStandardOutput = true, UseShellExecute = false)

    let proc = Diagnostics.Process.Start info
    Expect.stringContains (proc.StandardOutput.ReadLine()) "INF [application] hello" "it started"
    proc

/// Sends hello the signal `name`; it must exit with 130 at once, without finishing its jobs.
let private expectStoppedBy name (proc: Diagnostics.Process) =
    let clock = Diagnostics.Stopwatch.StartNew()
    signal name proc.Id
    let rest = proc.StandardOutput.ReadToEnd()
    Expect.isTrue (proc.WaitForExit 5000) "it exits"
    Expect.equal proc.ExitCode 130 $"exit code after SIG{name}"
    Expect.isLessThan clock.Elapsed.TotalSeconds 2.0 "without finishing its jobs"

    Expect.isLessThan (rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length) 3 "fewer than four lines"

let private samplesOn target =
    testList
        target
        [
            testCase "noop exits 0 and prints nothing"
            <| fun () ->
                let binary = build "noop" target
                checkBinary target binary
                let result = run (sampleDir "noop") binary []
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                Expect.equal result.Stdout "" "no output"
                Expect.equal result.Stderr "" "no errors"

            for config in configsOn target do
                testCase $"hello from {config} logs hello four times, a second apart"
                <| fun () ->
                    let binary = buildFrom config "hello" target
                    checkBinary target binary
                    let result = run (sampleDir "hello") binary []
                    Expect.equal result.ExitCode 0 $"exit code\n{result}"
                    let messages, gaps = logged result
                    Expect.equal messages [| "hello"; "hello"; "hello"; "hello" |] "four hellos"
                    expectOneSecondApart gaps

            testCase "Ctrl-C stops hello at once, with exit code 130"
            <| fun () ->
                use proc = startHello withDefaultSigint
                expectStoppedBy "INT" proc

            testCase "started with SIGINT ignored, hello keeps it ignored and SIGTERM still stops it with 130"
            <| fun () ->
                use proc = startHello withSigintIgnored
                signal "INT" proc.Id
                Expect.isFalse (proc.WaitForExit 700) "SIGINT is ignored, as POSIX says"
                expectStoppedBy "TERM" proc

            for config in configsOn target do
                testCase
                    $"hello-key from {config} says what --hello says, rejects --bogus with 64, explains itself with 63"
                <| fun () ->
                    let dir = sampleDir "hello-key"
                    let binary = buildFrom config "hello-key" target
                    let greeting = run dir binary [ "--hello=Bonjour à tous !" ]
                    Expect.equal greeting.ExitCode 0 $"exit code\n{greeting}"
                    let messages, gaps = logged greeting
                    Expect.equal messages (Array.create 4 "Bonjour à tous !") "the runtime argument"
                    expectOneSecondApart gaps
                    let byDefault = run dir binary []
                    Expect.equal (fst (logged byDefault)) (Array.create 4 "Hello World!") "the default"
                    let bogus = run dir binary [ "--bogus" ]
                    Expect.equal bogus.ExitCode 64 $"bad argument\n{bogus}"
                    Expect.stringContains bogus.Stderr "--bogus" "names the argument"
                    Expect.equal bogus.Stdout "" "nothing logged: the unikernel did not start"
                    let help = run dir binary [ "--help" ]
                    Expect.equal help.ExitCode 63 $"help\n{help}"
                    Expect.stringContains help.Stdout "--hello" "documents --hello"
                    Expect.stringContains help.Stdout "How to say hello." "with its doc"
                    let logs = run dir binary [ "--hello=quiet"; "-l"; "quiet" ]
                    Expect.equal logs.ExitCode 0 $"-l quiet\n{logs}"
                    Expect.equal logs.Stdout "" "-l quiet silences the reporter"
        ]

[<Tests>]
let tests = sampleTests "Cli.samples" [ samplesOn "unix"; samplesOn "aot" ]
