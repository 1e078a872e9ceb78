/// Runs a compiled config (F# or C#) in a collectible load context, takes what it registered, and
/// reports its errors located in the config file.
module Mirage.Evaluation.ConfigRunner

open System
open System.Diagnostics
open System.IO
open System.Reflection
open System.Runtime.Loader
open System.Threading.Tasks
open Mirage.Evaluation.Errors
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// Shows paths under the working directory relative to it, as the compilers do with their inputs.
let displayPath (path: string) =
    let relative = Path.GetRelativePath(Environment.CurrentDirectory, path)
    if relative.StartsWith ".." then path else relative

/// The innermost frame of an exception that lies in the config file, as `file(line,col)`: both
/// compilers embed a PDB in the compiled config, so the runtime knows its lines.
let private locate (configPath: string) (e: exn) =
    StackTrace(e, true).GetFrames()
    |> Array.tryFind (fun f -> f.GetFileName() = configPath)
    |> Option.map (fun f -> $"{displayPath configPath}({f.GetFileLineNumber()},{f.GetFileColumnNumber()})")

/// Prints a configuration error with its location(s) and fails with exit code 1.
let reportConfigurationError (configPath: string) (e: exn) : 'a =
    match e with
    | :? ConfigurationException as c ->
        eprintLines (c.Diagnostics |> Seq.map (fun d -> d.Format(displayPath, configPath)))
    | e ->
        let where = locate configPath e |> Option.defaultValue (displayPath configPath)
        eprintfn "%s: error: %s" where e.Message

    raise (MirageError("", 1))

/// Where a config leaves its registration.
type Handover =
    /// config.fsx: `register` records it in the F# eDSL's `Registry`.
    | FSharpRegistry
    /// config.cs: the facade's `Register` records it in the engine's `RegistrationCapture`.
    | CapturedRegistration

/// Loads a compiled config in its own collectible context (Mirage's assemblies resolve to this
/// process's copies), runs its entry point, and returns what it registered.
let run (handover: Handover) (configPath: string) (assemblyPath: string) : Registration =
    let context = AssemblyLoadContext("mirage-config", isCollectible = true)

    try
        let entry = context.LoadFromAssemblyPath(assemblyPath).EntryPoint

        let args: obj array =
            if entry.GetParameters().Length = 0 then
                [||]
            else
                [| box Array.empty<string> |]

        Mirage.Registry.Take() |> ignore
        use capture = RegistrationCapture.Begin()

        try
            match entry.Invoke(null, args) with
            | :? Task as task -> task.GetAwaiter().GetResult()
            | _ -> ()
        with
        | :? TargetInvocationException as e when not (isNull e.InnerException) ->
            reportConfigurationError configPath e.InnerException
        | :? ConfigurationException as e -> reportConfigurationError configPath e

        let registered =
            match handover with
            | FSharpRegistry -> Mirage.Registry.Take()
            | CapturedRegistration -> Option.ofObj capture.Registered

        match registered, handover with
        | Some registration, _ -> registration
        | None, FSharpRegistry ->
            failf
                "%s: error: the configuration did not register a unikernel: end it with register (\"name\", [ jobs ])"
                (displayPath configPath)
        | None, CapturedRegistration ->
            failf
                "%s: error: the configuration did not register a unikernel: end it with Register(\"name\", [jobs]);"
                (displayPath configPath)
    finally
        // The context goes once nothing refers to the config's code any more.
        context.Unload()
