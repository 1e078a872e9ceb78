/// Evaluates a config in this process: config.fsx (F#) or config.cs (C#), compiled (or taken from
/// the cache), run under a time limit, and what it registered collected. It reports (a registration,
/// or located diagnostics) and leaves printing and exit codes to its caller.
module Mirage.Evaluation.ConfigEvaluator

open System
open System.Diagnostics
open System.IO
open Mirage.Engine.Model
open Mirage.Evaluation.Report

/// The two languages a config can be written in, told apart by the file's extension.
type Language =
    | FSharp
    | CSharp

/// `.cs` is C#; anything else (`.fsx`, or another name given with -f) is F#.
let languageOf (configPath: string) =
    if Path.GetExtension(configPath).Equals(".cs", StringComparison.OrdinalIgnoreCase) then
        CSharp
    else
        FSharp

/// How long a config may run by default: ample for any description (they run in milliseconds),
/// short enough that an endless loop is reported rather than waited on.
let defaultTimeout = TimeSpan.FromSeconds 30.

/// How configs are evaluated.
type Options = ConfigRunner.RunOptions

/// The defaults: `defaultTimeout`, and nothing to say when a config ends the process.
let defaults: Options =
    {
        Timeout = defaultTimeout
        OnExit = ignore
    }

/// The result of evaluating a config.
type Evaluated =
    {
        Registration: Registration
        /// Whether the compiled config came from the cache.
        FromCache: bool
        Elapsed: TimeSpan
        /// The compiler's warnings and notes on how the config was evaluated.
        Report: Report
    }

let private evaluateOrRaise (options: Options) (configPath: string) : Evaluated =
    let clock = Stopwatch.StartNew()

    if Path.GetExtension(configPath).Equals(".csx", StringComparison.OrdinalIgnoreCase) then
        let message =
            "C# scripts (.csx) are not configs: write a config.cs, plain C# with top-level statements (see docs/csharp.md)"

        raise (
            EvaluationFailed
                { Report.empty with
                    Diagnostics = [ Report.error "" message configPath 0 0 ]
                }
        )

    let text = File.ReadAllText configPath

    let compiled, howToRegister =
        match languageOf configPath with
        | FSharp -> FSharpConfig.compiled configPath text, "register (\"name\", [ jobs ])"
        | CSharp -> CSharpConfig.compiled configPath text, "Register(\"name\", [jobs]);"

    try
        let registration =
            try
                ConfigRunner.run options howToRegister configPath compiled.Assembly
            with EvaluationFailed report ->
                raise (
                    EvaluationFailed
                        {
                            Diagnostics = compiled.Report.Diagnostics @ report.Diagnostics
                            Notes = compiled.Report.Notes @ report.Notes
                        }
                )

        {
            Registration = registration
            FromCache = compiled.FromCache
            Elapsed = clock.Elapsed
            Report = compiled.Report
        }
    finally
        match compiled.Temporary with
        | Some dir when Directory.Exists dir ->
            try
                Directory.Delete(dir, true)
            with :? IOException ->
                ()
        | _ -> ()

/// Evaluates `configPath` (which must exist): what it registered, or why it could not.
let evaluateWith (options: Options) (configPath: string) : Result<Evaluated, Report> =
    try
        Ok(evaluateOrRaise options (Path.GetFullPath configPath))
    with EvaluationFailed report ->
        Error report

/// Evaluates `configPath` with the default options.
let evaluate (configPath: string) = evaluateWith defaults configPath
