/// `mirage query`: print one fact about the configured unikernel, computed in memory.
module Mirage.Cli.Commands.Query

open System.IO
open Mirage.Cli.Commands.Arguments
open Mirage.Engine
open Mirage.Engine.CodeGen

let render (configuration: Configuration) kind =
    let graph = configuration.Graph

    match kind with
    | Name -> [ graph.Name ]
    | Packages -> [ for p in graph.Packages -> $"{p.Name} {p.VersionRange}{p.Tags}" ]
    | Files ->
        // Relative to the config's folder, as a user there would name them.
        let fromConfig path =
            Path.GetRelativePath(Path.GetDirectoryName configuration.OutputDirectory, path)

        [
            for f in configuration.Files -> fromConfig (Path.Combine(configuration.OutputDirectory, f.RelativePath))
            yield fromConfig configuration.Binary
            // and the files the chosen devices declare (impl's ~files), relative to the config
            yield! graph.Instances |> Seq.collect (fun i -> i.Device.Files) |> Seq.distinct
        ]
    | Project ->
        [
            (configuration.File(ProjectGenerator.ProjectFileName graph.Name)).Content.TrimEnd '\n'
        ]
    | Main -> [ (configuration.File MainGenerator.FileName).Content.TrimEnd '\n' ]
    | Keys -> [ for k in graph.Keys -> string k ]
    | Runtime_Args -> [ for a in graph.RuntimeArgs -> $"--{a.Name} : {a.CSharpType}  {a.Doc}" ]

let run (session: Session.Session) kind =
    for line in render (Session.configuration session) kind do
        printfn "%s" line

    0
