/// How the CLI shows what evaluation and the engine report: paths relative to the working folder,
/// diagnostics as compilers print them, on stderr.
module Mirage.Cli.Present

open System
open System.IO
open Mirage.Engine.Diagnostics
open Mirage.Evaluation.Report
open Mirage.Cli.Failure

/// Shows paths under the working directory relative to it, as the compilers do with their inputs.
let displayPath (path: string) =
    let relative = Path.GetRelativePath(Environment.CurrentDirectory, path)
    if relative.StartsWith ".." then path else relative

/// One diagnostic about `configPath` (named when the diagnostic has no location of its own).
let diagnostic (configPath: string) (d: Diagnostic) = d.Format(displayPath, configPath)

/// Prints a report's notes and diagnostics.
let report (configPath: string) (report: Report) =
    eprintLines report.Notes
    eprintLines (report.Diagnostics |> List.map (diagnostic configPath))

/// Prints diagnostics and fails with exit code 1.
let failWith (configPath: string) (diagnostics: Diagnostic seq) : 'a =
    eprintLines (diagnostics |> Seq.map (diagnostic configPath))
    raise (MirageError("", 1))
