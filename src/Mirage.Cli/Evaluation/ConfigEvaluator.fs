/// Evaluates a config.fsx in this process: compile it with FSharp.Compiler.Service (or take the
/// compiled assembly from the cache), run its top-level code, and collect what it registered.
module Mirage.Cli.Evaluation.ConfigEvaluator

open System
open System.Diagnostics
open System.IO
open System.Reflection
open Mirage.Cli.Console.Output
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// Shows paths under the working directory relative to it, as the F# compiler does with its inputs.
let displayPath (path: string) =
    let relative = Path.GetRelativePath(Environment.CurrentDirectory, path)
    if relative.StartsWith ".." then path else relative

/// One diagnostic of the F# compiler, printed the way `fsc` prints it.
let private formatDiagnostic (d: FSharp.Compiler.Diagnostics.FSharpDiagnostic) =
    let severity =
        match d.Severity with
        | FSharp.Compiler.Diagnostics.FSharpDiagnosticSeverity.Error -> "error"
        | FSharp.Compiler.Diagnostics.FSharpDiagnosticSeverity.Warning -> "warning"
        | _ -> "info"

    let message = d.Message.Replace("\r", "").Replace("\n", " ").Replace("    ", " ")

    if String.IsNullOrEmpty d.FileName || d.FileName = "unknown" then
        $"{severity} {d.ErrorNumberText}: {message}"
    else
        $"{displayPath d.FileName}({d.StartLine},{d.StartColumn + 1}): {severity} {d.ErrorNumberText}: {message}"

/// Compiles `configPath` into `outputDll`; returns the compiler's messages and whether it succeeded.
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

    let errors =
        diagnostics
        |> Array.exists (fun d -> d.Severity = FSharp.Compiler.Diagnostics.FSharpDiagnosticSeverity.Error)

    let messages =
        diagnostics |> Array.map formatDiagnostic |> Array.distinct |> List.ofArray

    match failure with
    | Some e when not errors -> messages @ [ $"error: the F# compiler failed: {e.Message}" ], false
    | _ -> messages, not errors && File.Exists outputDll

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

/// The compiled config for this text, from the cache or freshly compiled into it.
let private compiled (configPath: string) (configText: string) =
    let key = ConfigCache.key configPath configText
    let cached = ConfigCache.assemblyPath key

    if File.Exists cached then
        cached, true
    else
        let finalDir = Path.GetDirectoryName cached
        let workDir = finalDir + $".tmp-{Environment.ProcessId}"

        if Directory.Exists workDir then
            Directory.Delete(workDir, true)

        Directory.CreateDirectory workDir |> ignore

        try
            let source = sourceToCompile configPath configText workDir
            let messages, ok = compile source (Path.Combine(workDir, "config.dll"))
            eprintLines messages

            if not ok then
                raise (CliError("", 1))

            try
                Directory.Move(workDir, finalDir)
            with :? IOException when File.Exists cached ->
                () // another mirage compiled the same config at the same time

            cached, false
        finally
            if Directory.Exists workDir then
                Directory.Delete(workDir, true)

/// The innermost frame of an exception that lies in the config file, as `file(line,col)`.
let private locate (configPath: string) (e: exn) =
    StackTrace(e, true).GetFrames()
    |> Array.tryFind (fun f -> f.GetFileName() = configPath)
    |> Option.map (fun f -> $"{displayPath configPath}({f.GetFileLineNumber()},{f.GetFileColumnNumber()})")

/// Prints a configuration error with its location(s) and fails with exit code 1.
let reportConfigurationError (configPath: string) (e: exn) : 'a =
    match e with
    | :? ConfigurationException as c ->
        eprintLines (c.Diagnostics |> Seq.map (fun d -> d.Format(displayPath, configPath)))
    | e ->
        let where = locate configPath e |> Option.defaultValue (displayPath configPath)
        eprintfn "%s: error: %s" where e.Message

    raise (CliError("", 1))

/// Loads and runs a compiled config; returns what it registered.
let private run (configPath: string) (assemblyPath: string) : Registration =
    let assembly = Assembly.LoadFrom assemblyPath
    let entry = assembly.EntryPoint

    let args: obj array =
        if entry.GetParameters().Length = 0 then
            [||]
        else
            [| box Array.empty<string> |]

    Mirage.Registry.Take() |> ignore

    try
        entry.Invoke(null, args) |> ignore
    with :? TargetInvocationException as e when not (isNull e.InnerException) ->
        reportConfigurationError configPath e.InnerException

    match Mirage.Registry.Take() with
    | Some registration -> registration
    | None ->
        failf
            "%s: error: the configuration did not register a unikernel: end it with register (\"name\", [ jobs ])"
            (displayPath configPath)

/// The result of evaluating a config.
type Evaluated =
    {
        Registration: Registration
        /// Whether the compiled config came from the cache.
        FromCache: bool
        Elapsed: TimeSpan
    }

/// Evaluates `configPath` (which must exist).
let evaluate (configPath: string) : Evaluated =
    let clock = Stopwatch.StartNew()
    let configPath = Path.GetFullPath configPath
    let text = File.ReadAllText configPath
    let assemblyPath, fromCache = compiled configPath text
    let registration = run configPath assemblyPath

    {
        Registration = registration
        FromCache = fromCache
        Elapsed = clock.Elapsed
    }
