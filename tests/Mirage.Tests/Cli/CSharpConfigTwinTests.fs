/// Every sample with a config.fsx has a C# twin, config.cs, that generates the same code byte for
/// byte on every target; only `#line` directives differ (each names its own config), and the C#
/// ones point at the config.cs line that declares the same thing.
module Mirage.Tests.Cli.CSharpConfigTwinTests

open System.IO
open System.Text.RegularExpressions
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes

let private lineDirective =
    Regex("^#line (\\d+) \"([^\"]*)\"$", RegexOptions.Multiline)

/// The text with every `#line N "file"` made `#line (config)`.
let private normalise (text: string) =
    lineDirective.Replace(text, "#line (config)")

/// The `#line` targets of a generated main.cs, in order: (line, file).
let private directives (text: string) =
    [
        for m in lineDirective.Matches text -> int m.Groups[1].Value, m.Groups[2].Value
    ]

/// The first string literal of the declaration starting at line `number` (1-based) of F# or C#:
/// on that line or, for a call spread over lines, on one of the next few.
let private firstLiteral (lines: string array) number =
    lines[number - 1 .. min (lines.Length - 1) (number + 3)]
    |> Array.tryPick (fun line ->
        let m = Regex.Match(line, "\"[^\"]*\"")
        if m.Success then Some m.Value else None)

/// A copy of the sample in a temporary folder, queried with `-f file`.
let private query (dir: TempDir) (file: string) target kind =
    let result = mirage dir.Path [ "query"; kind; "-f"; file; "-t"; target ]
    Expect.equal result.ExitCode 0 $"query {kind} -f {file} -t {target}\n{result}"
    result.Stdout

let private twin sample target =
    testCase $"{sample} on {target}"
    <| fun () ->
        let source = Samples.sampleDir sample
        let csharpConfig = Path.Combine(source, "config.cs")
        Expect.isTrue (File.Exists csharpConfig) $"samples/{sample} has config.fsx, so it needs its C# twin config.cs"
        use dir = new TempDir()

        Samples.copySources source dir.Path

        let fsharpMain = query dir "config.fsx" target "main"
        let csharpMain = query dir "config.cs" target "main"
        Expect.equal (normalise csharpMain) (normalise fsharpMain) "main.cs is the same but for #line"
        Expect.equal (query dir "config.cs" target "project") (query dir "config.fsx" target "project") "same project"

        let fsharpLines = File.ReadAllLines(Path.Combine(source, "config.fsx"))
        let csharpLines = File.ReadAllLines csharpConfig
        let fsharpDirectives = directives fsharpMain
        let csharpDirectives = directives csharpMain
        Expect.equal csharpDirectives.Length fsharpDirectives.Length "as many #line directives"

        for (fsLine, fsFile), (csLine, csFile) in List.zip fsharpDirectives csharpDirectives do
            Expect.equal fsFile "../config.fsx" "F# #line names config.fsx"
            Expect.equal csFile "../config.cs" "C# #line names config.cs"
            // The same declaration: the F# line's first literal (a class or argument name) is on the C# line.
            match firstLiteral fsharpLines fsLine with
            | Some literal ->
                Expect.equal
                    (firstLiteral csharpLines csLine)
                    (Some literal)
                    $"config.cs line {csLine} declares {literal}, as config.fsx line {fsLine} does"
            | None -> failtest $"config.fsx line {fsLine} has no literal to compare"


[<Tests>]
let tests =
    testList
        "Cli.csharp twins"
        [
            for sample in Samples.all () do
                for target in [ "unix"; "aot" ] do
                    twin sample target
        ]
