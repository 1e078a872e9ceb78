/// `mirage describe`: name, keys (defaults marked) and, with -v, packages and devices; or the graph
/// in Graphviz with --dot, evaluated (`--eval`) or with its choices (`--no-eval`).
module Mirage.Cli.Commands.Describe

open System.IO
open Mirage.Engine.Describe
open Mirage.Engine.Graph

/// As upstream: evaluate when asked; else when the unikernel has been configured here.
let private evaluates (session: Session.Session) (eval: bool option) =
    eval
    |> Option.defaultWith (fun () ->
        File.Exists (Mirage.Engine.Output.UnikernelLayout.OfConfig session.ConfigPath).ContextFile)

let run (session: Session.Session) dot (eval: bool option) (output: string option) verbose =
    if dot then
        let text =
            if evaluates session eval then
                DotDescription.Render (Session.configuration session).Graph
            else
                DotDescription.RenderUnevaluated(GraphBuilder.Build session.Registration)

        match output with
        | None
        | Some "-" -> printf "%s" text
        | Some file ->
            let temporary = file + ".tmp"
            File.WriteAllText(temporary, text)
            File.Move(temporary, file, true)
    else
        printf "%s" (TextDescription.Render((Session.configuration session).Graph, verbose))

    0
