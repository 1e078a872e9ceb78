/// Two or more `mirage configure` runs in one folder at once: each exits 0, and whatever the
/// interleaving, mirage/ ends as one whole configuration (context, main.cs and project agree).
module Mirage.Tests.Cli.ConcurrentConfigureTests

open System
open System.Diagnostics
open System.IO
open System.Threading.Tasks
open Expecto
open Mirage.Engine.Output
open Mirage.Tests.Support.Processes

let private config =
    """open Mirage
open type Mirage.Dsl

let loud = Key.create ("loud", Key.Arg.opt (Key.Arg.bool, false, Key.Arg.info "Be loud."))
let quiet = impl ("Device.Quiet", job, packages = [ package ("Pkg.Quiet", min = "1.0") ])
let noisy = impl ("Device.Noisy", job, packages = [ package ("Pkg.Noisy", min = "1.0") ])
register ("race", [ if_impl (Key.value loud) noisy quiet ])
"""

/// Which value of --loud the files in mirage/ were generated for, one answer per file.
let private generatedFor (dir: string) =
    let read name =
        File.ReadAllText(Path.Combine(dir, "mirage", name))

    let context = read "context"

    [
        "context", context.Contains "--loud=true"
        "main.cs", (read "main.cs").Contains "Device.Noisy"
        "race.csproj", (read "race.csproj").Contains "Pkg.Noisy"
    ]

let private expectConsistent (dir: string) =
    let answers = generatedFor dir
    let values = answers |> List.map snd |> List.distinct
    Expect.hasLength values 1 $"mirage/ holds one configuration, not a mix: {answers}"

/// Runs configure `count` times at once, alternating --loud=true and --loud=false.
let private race (dir: TempDir) env count =
    [
        for i in 1..count ->
            Task.Run(fun () ->
                mirageWith env dir.Path [ "configure"; (if i % 2 = 0 then "--loud=true" else "--loud=false") ])
    ]
    |> Task.WhenAll
    |> fun t -> t.Result

[<Tests>]
let tests =
    testList
        "Cli.concurrent configure"
        [
            testCase "configure waits while another writer holds mirage/, then writes"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.fsx" config |> ignore
                let env = [ "MIRAGE_CACHE_DIR", Path.Combine(dir.Path, "cache") ]
                // warm the cache, then start from an empty folder
                Expect.equal (mirageWith env dir.Path [ "query"; "name" ]).ExitCode 0 "warm-up"
                let output = Path.Combine(dir.Path, "mirage")
                let held = OutputLock.Acquire output
                let configure = Task.Run(fun () -> mirageWith env dir.Path [ "configure" ])
                let waited = Stopwatch.StartNew()

                while not configure.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds 20. do
                    Threading.Thread.Sleep 100

                Expect.isFalse configure.IsCompleted "configure waits for the lock"
                Expect.isFalse (Directory.Exists output) "and writes nothing meanwhile"
                held.Dispose()
                let result = configure.Result
                Expect.equal result.ExitCode 0 $"then it configures\n{result}"
                expectConsistent dir.Path

            testCase "pairs and a burst of configures alternating a key leave one whole configuration"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.fsx" config |> ignore
                let env = [ "MIRAGE_CACHE_DIR", Path.Combine(dir.Path, "cache") ]
                Expect.equal (mirageWith env dir.Path [ "query"; "name" ]).ExitCode 0 "warm-up"

                for count in [ 2; 2; 8 ] do
                    for result in race dir env count do
                        Expect.equal result.ExitCode 0 $"every configure succeeds\n{result}"

                    expectConsistent dir.Path

                let leftovers = Directory.GetFiles(Path.Combine(dir.Path, "mirage"), "*.tmp-*")

                Expect.isEmpty leftovers "no temporary file is left behind"
        ]
