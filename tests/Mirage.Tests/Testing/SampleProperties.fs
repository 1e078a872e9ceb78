/// Every sample's config, loaded as the CLI loads it, checked with Mirage.Testing over every target
/// and key assignment; and the sample test project that shows users how, built and run.
module Mirage.Tests.Testing.SampleProperties

open System
open System.IO
open Expecto
open FsCheck
open Mirage.Testing
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private config =
    Config.QuickThrowOnFailure.WithMaxTest(50).WithQuietOnSuccess(true)

/// Loading a config runs its `register`, which fills the process-wide registry: one at a time, and
/// never beside the DSL's registration tests.
[<Tests>]
let tests =
    testSequencedGroup "Mirage.Registry"
    <| testList
        "Testing.Samples"
        [
            for name in all () do
                yield
                    testCase $"{name} configures under every assignment, with no package conflict"
                    <| fun () ->
                        let registration = Configs.Load(Path.Combine(sampleDir name, "config.fsx"))
                        Check.One(config, GraphProperties.ConfiguresUnderEveryAssignment registration)
                        Check.One(config, GraphProperties.NoPackageConflict registration)

            yield
                testCase "a config that does not compile is an error naming it"
                <| fun () ->
                    use dir = new TempDir()
                    dir.Write "config.fsx" "let x: int = \"not an int\"\n" |> ignore
                    let path = Path.Combine(dir.Path, "config.fsx")
                    let error = Expect.throwsC (fun () -> Configs.Load path |> ignore) id
                    Expect.stringContains error.Message path "names the config"
                    // the compiler's own message, not a pointer to messages printed elsewhere
                    Expect.stringContains error.Message "config.fsx(1,14): error FS0001" "the actual message"
        ]

[<Tests>]
let sample =
    sampleTests
        "Testing.Sample project"
        [
            testCase "samples/graph-properties builds and its tests pass"
            <| fun () ->
                let project = Path.Combine(repoRoot, "samples", "graph-properties")
                Expect.isFalse (File.Exists(Path.Combine(project, "config.fsx"))) "not a unikernel sample"

                let result =
                    runWith
                        [ "MSBUILDDISABLENODEREUSE", "1" ]
                        (TimeSpan.FromMinutes 10.0)
                        project
                        "dotnet"
                        [ "run"; "-c"; "Release" ]

                Expect.equal result.ExitCode 0 $"dotnet run\n{result}"

                let plain =
                    Text.RegularExpressions.Regex.Replace(result.Stdout, "\u001b\\[[0-9;?]*[A-Za-z]", "")

                Expect.stringContains plain "passed, 0 ignored, 0 failed, 0 errored" $"every test passes\n{plain}"
        ]
