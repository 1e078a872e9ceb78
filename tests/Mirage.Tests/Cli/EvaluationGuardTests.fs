/// What a config does while it is evaluated cannot decide configure's outcome: an endless loop ends
/// with a located error after --eval-timeout, foreground threads do not keep mirage running, and
/// Environment.Exit is reported, exit 1, nothing written.
module Mirage.Tests.Cli.EvaluationGuardTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support.Processes

let private header = "open Mirage\nopen type Mirage.Dsl\n\n"

/// Configures `body` in a fresh folder, killing mirage after `limit`.
let private configure (body: string) (args: string list) (limit: TimeSpan) =
    use dir = new TempDir()
    dir.Write "config.fsx" (header + body) |> ignore
    let file, prefix = mirageCommand ()
    let result = runWith [] limit dir.Path file (prefix @ "configure" :: args)
    result, Directory.Exists(Path.Combine(dir.Path, "mirage"))

[<Tests>]
let tests =
    testList
        "Cli.evaluation guard"
        [
            testCase "an endless loop ends after --eval-timeout with an error naming the config"
            <| fun () ->
                let result, wrote =
                    configure
                        "while true do ()\nregister (\"t\", [ noop ])\n"
                        [ "--eval-timeout=2" ]
                        (TimeSpan.FromMinutes 3.)

                Expect.equal result.ExitCode 1 $"exit code\n{result}"

                Expect.stringContains
                    result.Stderr
                    "config.fsx: error: the configuration did not finish within 2 s"
                    "located"

                Expect.stringContains result.Stderr "--eval-timeout" "says how to change the limit"
                Expect.isFalse wrote "nothing written"

            testCase "a bad --eval-timeout is a usage error"
            <| fun () ->
                let result, _ =
                    configure "register (\"t\", [ noop ])\n" [ "--eval-timeout=0" ] (TimeSpan.FromMinutes 3.)

                Expect.equal result.ExitCode 64 $"exit code\n{result}"
                Expect.stringContains result.Stderr "--eval-timeout must be a positive number" "message"

            testCase "a foreground thread started by the config does not keep configure running"
            <| fun () ->
                let body =
                    "System.Threading.Thread((fun () -> System.Threading.Thread.Sleep System.Threading.Timeout.Infinite), IsBackground = false).Start()\n"
                    + "register (\"t\", [ noop ])\n"

                let result, wrote = configure body [] (TimeSpan.FromMinutes 3.)
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                Expect.isTrue wrote "mirage/ written"

            testCase "Environment.Exit in the config is an error, exit 1, nothing written"
            <| fun () ->
                let result, wrote =
                    configure "System.Environment.Exit 0\nregister (\"t\", [ noop ])\n" [] (TimeSpan.FromMinutes 3.)

                Expect.equal result.ExitCode 1 $"exit code\n{result}"

                Expect.stringContains
                    result.Stderr
                    "config.fsx: error: the configuration called Environment.Exit"
                    "reported"

                Expect.isFalse wrote "nothing written"
        ]
