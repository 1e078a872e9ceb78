/// config.fsx: compiled in this process by FSharp.Compiler.Service.
module Mirage.Evaluation.FSharpConfig

open System
open System.IO

/// One diagnostic of the F# compiler as the engine's, with the message on one line as `fsc` prints it.
let private toDiagnostic (d: FSharp.Compiler.Diagnostics.FSharpDiagnostic) =
    let message = d.Message.Replace("\r", "").Replace("\n", " ").Replace("    ", " ")

    let file, line, column =
        if String.IsNullOrEmpty d.FileName || d.FileName = "unknown" then
            "", 0, 0
        else
            d.FileName, d.StartLine, d.StartColumn + 1

    if d.Severity = FSharp.Compiler.Diagnostics.FSharpDiagnosticSeverity.Error then
        Report.error d.ErrorNumberText message file line column
    else
        Report.warning d.ErrorNumberText message file line column

/// Compiles `configPath` into `outputDll`; returns the compiler's errors and warnings (an error means it failed).
let compile (configPath: string) (outputDll: string) =
    let checker =
        FSharp.Compiler.CodeAnalysis.FSharpChecker.Create(keepAssemblyContents = false, suggestNamesForErrors = true)

    let args =
        [|
            "fsc.exe"
            "-o:" + outputDll
            "--target:exe"
            "--noframework"
            "--nocopyfsharpcore"
            "--debug:portable"
            "--embed+"
            "--optimize-"
            "--nowin32manifest"
            "--warn:3"
            "--nologo"
            yield! ReferenceAssemblies.all () |> List.map (fun r -> "-r:" + r)
            configPath
        |]

    let diagnostics, failure = checker.Compile args |> Async.RunSynchronously

    let messages =
        diagnostics |> Array.map toDiagnostic |> Array.distinct |> List.ofArray

    match failure with
    | Some e when not (Report.hasErrors messages) ->
        messages @ [ Report.error "" $"the F# compiler failed: {e.Message}" "" 0 0 ]
    | _ when not (Report.hasErrors messages) && not (File.Exists outputDll) ->
        messages @ [ Report.error "" "the F# compiler wrote no assembly" "" 0 0 ]
    | _ -> messages

/// `#r` lines naming Mirage's own assemblies: they are there for editors, and may point at a build
/// that does not exist here. Configs are always compiled against this CLI's copies instead.
let private mirageReference =
    lazy
        Text.RegularExpressions.Regex(
            @"^\s*#r\s+""[^""]*Mirage\.(Dsl\.FSharp|Engine|Devices)\.dll""",
            Text.RegularExpressions.RegexOptions.Multiline
        )

/// The source to compile: the config itself, or, when it has `#r` lines to Mirage assemblies, a copy
/// in `workDir` with those lines commented out and a line directive that keeps every location
/// (diagnostics, `#line` in generated code) pointing at the original file.
let private sourceToCompile (configPath: string) (configText: string) (workDir: string) =
    // Only on a cache miss: building the regex is start-up time a cache hit does not need.
    let mirageReference = mirageReference.Value

    if mirageReference.IsMatch configText then
        let copy = Path.Combine(workDir, Path.GetFileName configPath)

        let text =
            mirageReference.Replace(configText, fun m -> "//" + m.Value)
            |> ScriptDirectives.withAbsolutePaths (Path.GetDirectoryName configPath)

        let directive = "# 1 \"" + configPath.Replace("\\", "\\\\") + "\"\n"
        File.WriteAllText(copy, directive + text)
        copy
    else
        configPath

/// The compiled config.fsx at `configPath` with this text, from the cache or freshly compiled.
let compiled (configPath: string) (configText: string) =
    let loaded =
        ScriptDirectives.loadedFiles (Path.GetDirectoryName configPath) configText

    let key =
        ConfigCache.key "fsharp" (ReferenceAssemblies.fsharpConfigAssemblies ()) configPath configText loaded

    ConfigCache.getOrCompile key (fun workDir outputDll ->
        compile (sourceToCompile configPath configText workDir) outputDll)
