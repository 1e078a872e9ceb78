/// `mirage describe`: name, keys (defaults marked) and, with -v, packages and devices; or the graph
/// in Graphviz with --dot.
module Mirage.Cli.Commands.Describe

open System.IO
open Mirage.Engine.Describe

let run (session: Session.Session) dot (output: string option) verbose =
    let configuration = Session.configuration session

    if dot then
        let text = DotDescription.Render configuration.Graph

        match output with
        | None
        | Some "-" -> printf "%s" text
        | Some file ->
            let temporary = file + ".tmp"
            File.WriteAllText(temporary, text)
            File.Move(temporary, file, true)
    else
        printf "%s" (TextDescription.Render(configuration.Graph, verbose))

    0
