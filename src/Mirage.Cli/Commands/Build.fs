/// `mirage build`: configure again from the current config, publish the generated project for its
/// target, and put the binary in `dist/<name>`.
module Mirage.Cli.Commands.Build

open System
open System.Diagnostics
open System.IO
open Mirage.Cli.Console.Output
open Mirage.Engine

/// The `dotnet` host to drive builds with: the one running us when we run under it, else PATH's.
let dotnetHost () =
    match Environment.ProcessPath with
    | NonNull path when Path.GetFileNameWithoutExtension path = "dotnet" -> path
    | _ ->
        match Environment.GetEnvironmentVariable "DOTNET_ROOT" with
        | NonNull root when File.Exists(Path.Combine(root, "dotnet")) -> Path.Combine(root, "dotnet")
        | _ -> "dotnet"

/// Runs a process with our own standard streams; returns its exit code.
let private exec (file: string) (args: string list) =
    let info = ProcessStartInfo(file, args, UseShellExecute = false)
    info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    info.Environment["DOTNET_NOLOGO"] <- "1"
    use proc = Process.Start info
    proc.WaitForExit()
    proc.ExitCode

/// Publishes the configured project and copies its binary to dist/<name>; returns the exit code.
let publish (configuration: Configuration) =
    let publishDir = Path.Combine(configuration.OutputDirectory, "publish")

    let code =
        exec
            (dotnetHost ())
            [
                "publish"
                configuration.ProjectFile
                "-c"
                "Release"
                "-o"
                publishDir
                "--nologo"
                "-v:q"
                "-clp:NoSummary;ErrorsOnly"
                "-nodeReuse:false"
            ]

    if code <> 0 then
        eprintfn "mirage build: dotnet publish failed (exit %d)" code
        code
    else
        let binary = Path.Combine(publishDir, configuration.Graph.Name)

        if not (File.Exists binary) then
            failf "mirage build: publish produced no %s" binary

        let dist = configuration.Binary
        Directory.CreateDirectory(Path.GetDirectoryName dist) |> ignore
        let temporary = dist + $".tmp-{Environment.ProcessId}"
        File.Copy(binary, temporary, true)

        if not (OperatingSystem.IsWindows()) then
            File.SetUnixFileMode(temporary, File.GetUnixFileMode binary)

        File.Move(temporary, dist, true)
        printfn "%s" (Mirage.Cli.Evaluation.ConfigEvaluator.displayPath dist)
        0

/// Configures again (so the build always follows config.fsx as it is now, with the saved context
/// and this command line's overrides; unchanged files are not rewritten), then publishes.
let run (session: Session.Session) =
    let configuration = Session.configuration session
    Configure.write configuration false
    publish configuration
