/// `mirage configure`: evaluate, optimize, generate, and write `mirage/` atomically.
module Mirage.Cli.Commands.Configure

open Mirage.Engine
open Mirage.Engine.Output

/// Prints a plan of file actions, one line each, as `--dry-run` shows it.
let printPlan (plan: FilePlan) =
    for line in plan.Describe Mirage.Cli.Present.displayPath do
        printfn "%s" line

/// Writes the configuration (or, with `dryRun`, only lists what writing it would do: the files it
/// writes and the stale generated files it deletes).
let write (configuration: Configuration) dryRun =
    if dryRun then
        printPlan (Configurator.WritePlan configuration)
    else
        Configurator.Write configuration |> ignore

let run (session: Session.Session) dryRun =
    let configuration = Session.configuration session
    write configuration dryRun
    0
