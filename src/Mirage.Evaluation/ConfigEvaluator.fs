/// Evaluates a config in this process: config.fsx (F#) or config.cs (C#), compiled (or taken from
/// the cache), run, and what it registered collected.
module Mirage.Evaluation.ConfigEvaluator

open System
open System.Diagnostics
open System.IO
open Mirage.Engine.Model

/// Shows paths under the working directory relative to it, as the compilers do with their inputs.
let displayPath = ConfigRunner.displayPath

/// Prints a configuration error with its location(s) and fails with exit code 1.
let reportConfigurationError (configPath: string) (e: exn) : 'a =
    ConfigRunner.reportConfigurationError configPath e

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

    if Path.GetExtension(configPath).Equals(".csx", StringComparison.OrdinalIgnoreCase) then
        Mirage.Evaluation.Errors.failf
            "%s: error: C# scripts (.csx) are not configs: write a config.cs, plain C# with top-level statements (see docs/csharp.md)"
            (displayPath configPath)

    let text = File.ReadAllText configPath

    let (assemblyPath, fromCache), handover =
        match languageOf configPath with
        | FSharp -> FSharpConfig.compiled configPath text, ConfigRunner.FSharpRegistry
        | CSharp -> CSharpConfig.compiled configPath text, ConfigRunner.CapturedRegistration

    {
        Registration = ConfigRunner.run handover configPath assemblyPath
        FromCache = fromCache
        Elapsed = clock.Elapsed
    }
