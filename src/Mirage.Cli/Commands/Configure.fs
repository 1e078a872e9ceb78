/// `mirage configure`: evaluate, optimize, generate, and write `mirage/` atomically.
module Mirage.Cli.Commands.Configure

open Mirage.Evaluation
open Mirage.Engine

/// Writes the configuration (or, with `dryRun`, only lists what it would write).
let write (configuration: Configuration) dryRun =
    if dryRun then
        for file in configuration.Files do
            printfn
                "%s"
                (ConfigEvaluator.displayPath (System.IO.Path.Combine(configuration.OutputDirectory, file.RelativePath)))
    else
        Configurator.Write configuration |> ignore

let run (session: Session.Session) dryRun =
    let configuration = Session.configuration session
    write configuration dryRun
    0
