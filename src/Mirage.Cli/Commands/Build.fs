/// `mirage build`: configure again from the current config, publish the generated project for its
/// target, and put the binary in `dist/<name>` (the engine's `UnikernelBuilder`, shared with the library API).
module Mirage.Cli.Commands.Build

open Mirage.Engine.Build

/// Configures again (so the build always follows the config as it is now, with the saved context
/// and this command line's overrides; unchanged files are not rewritten), then publishes.
let run (session: Session.Session) =
    let configuration = Session.configuration session
    Configure.write configuration false
    let result = UnikernelBuilder.Publish configuration

    if result.Succeeded then
        printfn "%s" (Mirage.Cli.Present.displayPath result.Binary)
        0
    else
        eprintfn "mirage build: %s" result.Error
        result.ExitCode
