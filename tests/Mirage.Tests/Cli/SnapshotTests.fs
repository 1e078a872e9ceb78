/// Golden files for generated code: a change to what configure writes shows up as a focused diff.
/// Set MIRAGE_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change.
module Mirage.Tests.Cli.SnapshotTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes

let private snapshotDir =
    Path.Combine(repoRoot, "tests", "Mirage.Tests", "Cli", "snapshots")

/// The first differing line of two texts, with a little context, for a readable failure.
let private firstDifference (expected: string) (actual: string) =
    let e = expected.Split '\n'
    let a = actual.Split '\n'

    let i =
        Seq.zip e a
        |> Seq.tryFindIndex (fun (x, y) -> x <> y)
        |> Option.defaultValue (min e.Length a.Length)

    let show (lines: string array) =
        lines[max 0 (i - 2) .. min (lines.Length - 1) (i + 2)] |> String.concat "\n"

    $"first difference at line {i + 1}\n--- expected ---\n{show e}\n--- actual ---\n{show a}"

let private checkSnapshot name (actual: string) =
    let file = Path.Combine(snapshotDir, name)

    if Environment.GetEnvironmentVariable "MIRAGE_UPDATE_SNAPSHOTS" = "1" then
        Directory.CreateDirectory snapshotDir |> ignore
        File.WriteAllText(file, actual)
    else
        Expect.isTrue (File.Exists file) $"snapshot {name} exists (MIRAGE_UPDATE_SNAPSHOTS=1 creates it)"
        let expected = File.ReadAllText file

        if expected <> actual then
            failtest $"{name} differs from its snapshot: {firstDifference expected actual}"

/// In development mode (the suite's) the generated project names the runtime by absolute path;
/// with the runtime packages, by the version of every Mirage package: normalise both away.
let private normalise (text: string) =
    text
        .Replace(Path.Combine(repoRoot, "src"), "{repo}/src")
        .Replace($"Version=\"[{Mirage.Engine.CodeGen.ProjectOptions().PackageVersion}]\"", "Version=\"[{version}]\"")

/// `mirage query kind` of a sample on a target, with `env`, against `{sample}.{target}.{kind}{suffix}.txt`.
let private snapshotWith env suffix sample target kind =
    testCase $"{sample} {kind} on {target}{suffix}"
    <| fun () ->
        use dir = new TempDir()
        let source = Path.Combine(repoRoot, "samples", sample)

        Samples.copySources source dir.Path

        let result = mirageWith env dir.Path [ "query"; kind; "-t"; target ]
        Expect.equal result.ExitCode 0 $"query {kind}\n{result}"
        checkSnapshot $"{sample}.{target}.{kind}{suffix}.txt" (normalise result.Stdout)

let private snapshot = snapshotWith [] ""

/// The project as users get it, outside development mode: the runtime and its libraries as packages.
let private packagesSnapshot =
    snapshotWith [ "MIRAGE_RUNTIME_PROJECT", "" ] ".packages"

[<Tests>]
let tests =
    testList
        "Cli.snapshots"
        [
            for sample in Samples.all () do
                for target in [ "unix"; "aot" ] do
                    snapshot sample target "main"
                    snapshot sample target "project"

            packagesSnapshot "http" "unix" "project"
        ]
