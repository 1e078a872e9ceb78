/// `mirage clean`: remove what configure and build wrote, and nothing else (the engine's
/// `UnikernelLayout` knows what that is). Like upstream's, it needs no config: it cleans the folder.
module Mirage.Cli.Commands.Clean

open System.IO
open Mirage.Engine.Output
open Mirage.Cli.Failure

/// The folder to clean: that of the config `-f` names (it must exist), else this one.
let private layout (file: string option) =
    match file with
    | Some path when not (File.Exists path) -> failf "configuration file %s missing" path
    | Some path -> UnikernelLayout.OfConfig path
    | None -> UnikernelLayout(Directory.GetCurrentDirectory())

let run (file: string option) dryRun =
    let layout = layout file

    if dryRun then
        Configure.printPlan (layout.CleanPlan())
    else
        layout.Clean() |> ignore

    0
