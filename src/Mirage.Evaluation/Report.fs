/// What evaluating a config has to say besides its result: the compilers' messages and the runner's
/// errors as the engine's located diagnostics, and notes about how it was evaluated. Evaluation
/// reports; whoever called it (the CLI, Mirage.Testing) presents.
module Mirage.Evaluation.Report

open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// Diagnostics in the order to show them, and notes (one line each, not about the config's text).
type Report =
    {
        Diagnostics: Diagnostic list
        Notes: string list
    }

let empty = { Diagnostics = []; Notes = [] }

/// A diagnostic about `file`, at `line` and `column` when known (1-based; 0 for none).
let private diagnostic severity (code: string) (message: string) (file: string) (line: int) (column: int) =
    let location =
        if line > 0 then
            SourceLocation(file, line, column)
        else
            null

    Diagnostic(code, message, location, Severity = severity)

/// An error in `file`, at `line` and `column` when known (1-based; 0 for none).
let error code message file line column =
    diagnostic DiagnosticSeverity.Error code message file line column

/// A warning in `file`, at `line` and `column` when known.
let warning code message file line column =
    diagnostic DiagnosticSeverity.Warning code message file line column

/// Whether any diagnostic is an error.
let hasErrors (diagnostics: Diagnostic seq) =
    diagnostics |> Seq.exists (fun d -> d.Severity = DiagnosticSeverity.Error)

/// A failed evaluation: `report` plus one more diagnostic.
exception EvaluationFailed of Report
