/// Building and running the samples in place (configure, build, run), and reading what they log.
/// Tests that use these must run sequenced: they write in samples/<name>/mirage and dist.
module Mirage.Tests.Support.Samples

open System
open System.Globalization
open System.IO
open System.Text.RegularExpressions
open Expecto
open Mirage.Tests.Support.Processes

/// Copies a sample's sources with their subfolders (a local library's project) into `into`, leaving
/// out what configure and builds write.
let copySources (from: string) (into: string) =
    let built = set [ "mirage"; "dist"; "bin"; "obj" ]

    let rec copy (from: string) (into: string) =
        for file in Directory.GetFiles from do
            File.Copy(file, Path.Combine(into, Path.GetFileName file))

        for sub in Directory.GetDirectories from do
            if not (built.Contains(Path.GetFileName sub)) then
                copy sub (Directory.CreateDirectory(Path.Combine(into, Path.GetFileName sub)).FullName)

    copy from into

/// Every sample with a config.fsx, by folder name.
let all () =
    Directory.GetDirectories(Path.Combine(repoRoot, "samples"))
    |> Array.filter (fun d -> File.Exists(Path.Combine(d, "config.fsx")))
    |> Array.map Path.GetFileName
    |> Array.sort
    |> List.ofArray

/// The folder of the sample `name`.
let sampleDir name = Path.Combine(repoRoot, "samples", name)

/// Configures a sample for a target from one of its config files (`-f`) with configure `keys`
/// (`--name=value`), builds it; returns the path of its binary.
let buildWith (configFile: string) (keys: string list) name target =
    let dir = sampleDir name
    let configure = mirage dir ([ "configure"; "-f"; configFile; "-t"; target ] @ keys)
    Expect.equal configure.ExitCode 0 $"configure {name} -f {configFile} -t {target} {keys}\n{configure}"
    // No -f: build follows the file configure was given (saved in mirage/context).
    let built = mirage dir [ "build" ]
    Expect.equal built.ExitCode 0 $"build {name} after configure -f {configFile} ({target})\n{built}"
    let binary = Path.Combine(dir, "dist", name)
    Expect.isTrue (File.Exists binary) $"dist/{name} exists"
    binary

/// Configures the unikernel in `dir` (`configure` followed by `args`), builds it; returns the path
/// of its binary, dist/`name`.
let buildIn (dir: string) (args: string list) name =
    let configure = mirage dir ("configure" :: args)
    Expect.equal configure.ExitCode 0 $"configure {args}\n{configure}"
    let built = mirage dir [ "build" ]
    Expect.equal built.ExitCode 0 $"build after configure {args}\n{built}"
    Path.Combine(dir, "dist", name)

/// Configures and builds a sample for a target from one of its config files (`-f`); returns the
/// path of its binary.
let buildFrom (configFile: string) name target = buildWith configFile [] name target

/// Configures and builds a sample for a target from its config.fsx; returns the path of its binary.
let build name target = buildFrom "config.fsx" name target

/// A line of the console reporter, from the application source at level info.
let logLine =
    Regex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) INF \[application\] (.*)$")

/// The messages of the log lines and the times between consecutive lines.
let logged (result: Result) =
    let lines = result.StdoutLines

    for line in lines do
        Expect.isTrue (logLine.IsMatch line) $"log line format: '{line}'"

    let parsed =
        lines
        |> Array.map (fun line ->
            let m = logLine.Match line

            DateTime.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            m.Groups[2].Value)

    let gaps =
        parsed
        |> Array.pairwise
        |> Array.map (fun ((a, _), (b, _)) -> (b - a).TotalSeconds)

    Array.map snd parsed, gaps

/// Consecutive log lines about a second apart.
let expectOneSecondApart (gaps: float array) =
    for gap in gaps do
        Expect.isGreaterThanOrEqual gap 0.95 "at least a second apart"
        Expect.isLessThan gap 3.0 "about a second apart"

/// The binary is alone in dist/ and native; on aot, it holds the whole program.
let checkBinary target (binary: string) =
    let dist = Path.GetDirectoryName binary

    Expect.equal
        (Directory.GetFiles dist |> Array.map Path.GetFileName)
        [| Path.GetFileName binary |]
        "one file in dist"

    let header = File.ReadAllBytes(binary)[0..3]
    Expect.equal header [| 0x7fuy; byte 'E'; byte 'L'; byte 'F' |] "a native executable"

    if target = "aot" then
        // A framework-dependent apphost needs the managed dll; a Native AOT binary contains no IL.
        let text = File.ReadAllBytes binary
        Expect.isGreaterThan text.Length 500_000 "the whole program is in the file"


/// Configures the copy of sample `name` in `dir` for `target` with `keys`, builds it, checks the binary
/// and returns its path.
let configureAndBuild (dir: string) name target (keys: string list) =
    let configure = mirage dir ([ "configure"; "-t"; target ] @ keys)
    Expect.equal configure.ExitCode 0 $"configure {keys}\n{configure}"
    let built = mirage dir [ "build" ]
    Expect.equal built.ExitCode 0 $"build ({target})\n{built}"
    let binary = Path.Combine(dir, "dist", name)
    checkBinary target binary
    binary

/// curl in `dir` with `args`, bounded to 30 s; expects success and returns its standard output.
let curlIn dir (args: string list) =
    let result =
        run dir "curl" ("--silent" :: "--show-error" :: "--max-time" :: "30" :: args)

    Expect.equal result.ExitCode 0 $"curl {args}\n{result}"
    result.Stdout

/// A list of sample tests. Sequenced tests run one at a time after all the parallel ones: two builds
/// at once would make the timing checks flaky on a 2-core machine, and the in-process signal tests
/// (Runtime.Jobs) must not overlap a sample that is sent SIGINT.
let sampleTests name (tests: Test list) = testSequenced (testList name tests)
