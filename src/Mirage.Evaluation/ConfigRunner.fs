/// Runs a compiled config (F# or C#) in a collectible load context, on a thread of its own under a
/// time limit, takes what it registered, and reports its errors located in the config file.
module Mirage.Evaluation.ConfigRunner

open System
open System.Diagnostics
open System.Reflection
open System.Runtime.Loader
open System.Threading
open System.Threading.Tasks
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model
open Mirage.Evaluation.Report

/// How a config is run.
type RunOptions =
    {
        /// How long the config may run (not counting its compilation) before evaluation fails.
        Timeout: TimeSpan
        /// Called when the config ends the process (`Environment.Exit`), from the process's exit
        /// handlers: a process cannot refuse to exit, so this is the last word its caller gets. The
        /// process then exits with `Environment.ExitCode`, which the callback may set.
        OnExit: Diagnostic -> unit
    }

/// The innermost frame of an exception that lies in the config file, as its line and column: both
/// compilers embed a PDB in the compiled config, so the runtime knows its lines.
let private locate (configPath: string) (e: exn) =
    StackTrace(e, true).GetFrames()
    |> Array.tryFind (fun f -> f.GetFileName() = configPath)
    |> Option.map (fun f -> f.GetFileLineNumber(), f.GetFileColumnNumber())
    |> Option.defaultValue (0, 0)

/// An exception the config raised, as diagnostics: the engine's own (with their locations), or
/// one located at the config's innermost frame.
let exceptionDiagnostics (configPath: string) (e: exn) =
    match e with
    | :? ConfigurationException as c -> List.ofSeq c.Diagnostics
    | e ->
        let line, column = locate configPath e
        [ Report.error "" e.Message configPath line column ]

/// What running the config's entry point came to.
type private Outcome =
    | Finished
    | Raised of exn
    | TimedOut

/// Runs `entry` on a thread of its own and waits at most `timeout`. The thread is a background
/// thread, so a config that never ends does not keep the process alive; and for as long as it
/// runs, a call to `Environment.Exit` in the config is reported through `onExit`.
let private runGuarded (options: RunOptions) (configPath: string) (entry: unit -> unit) =
    let outcome = ref TimedOut

    // A signal also raises ProcessExit: that is mirage being stopped, not the config exiting.
    let signalled = ref false

    let signals =
        [
            for signal in
                [
                    Runtime.InteropServices.PosixSignal.SIGINT
                    Runtime.InteropServices.PosixSignal.SIGTERM
                ] -> Runtime.InteropServices.PosixSignalRegistration.Create(signal, fun _ -> signalled.Value <- true)
        ]

    let exiting =
        EventHandler(fun _ _ ->
            if not signalled.Value then
                let message =
                    $"the configuration called Environment.Exit (exit code {Environment.ExitCode}): a config describes a unikernel "
                    + "and must not end the process; nothing was written"

                options.OnExit(Report.error "" message configPath 0 0))

    let thread =
        Thread(
            (fun () ->
                outcome.Value <-
                    try
                        entry ()
                        Finished
                    with e ->
                        Raised e),
            16 * 1024 * 1024,
            IsBackground = true,
            Name = "mirage config"
        )

    AppDomain.CurrentDomain.ProcessExit.AddHandler exiting

    try
        thread.Start()

        if thread.Join options.Timeout then
            outcome.Value
        else
            TimedOut
    finally
        AppDomain.CurrentDomain.ProcessExit.RemoveHandler exiting

        for registration in signals do
            registration.Dispose()

/// Loads a compiled config in its own collectible context (Mirage's assemblies resolve to this
/// process's copies), runs its entry point, and returns what it registered (F#'s `register` and
/// C#'s `Register` both record into the engine's `RegistrationCapture`), or raises
/// `EvaluationFailed` with located diagnostics. `howToRegister` is the hint for a config that
/// registers nothing, in its language.
let run (options: RunOptions) (howToRegister: string) (configPath: string) (assemblyPath: string) : Registration =
    let context = AssemblyLoadContext("mirage-config", isCollectible = true)

    let fail diagnostics =
        raise (
            EvaluationFailed
                { Report.empty with
                    Diagnostics = diagnostics
                }
        )

    try
        let entry = context.LoadFromAssemblyPath(assemblyPath).EntryPoint

        let args: obj array =
            if entry.GetParameters().Length = 0 then
                [||]
            else
                [| box Array.empty<string> |]

        use capture = RegistrationCapture.Begin()

        let invoke () =
            match entry.Invoke(null, args) with
            | :? Task as task -> task.GetAwaiter().GetResult()
            | _ -> ()

        match runGuarded options configPath invoke with
        | Finished -> ()
        | Raised(:? TargetInvocationException as e) when not (isNull e.InnerException) ->
            fail (exceptionDiagnostics configPath e.InnerException)
        | Raised e -> fail (exceptionDiagnostics configPath e)
        | TimedOut ->
            let seconds =
                options.Timeout.TotalSeconds.ToString("0.###", Globalization.CultureInfo.InvariantCulture)

            fail
                [
                    Report.error
                        ""
                        $"the configuration did not finish within {seconds} s (is there an endless loop?); --eval-timeout=SECONDS sets the limit"
                        configPath
                        0
                        0
                ]

        match Option.ofObj capture.Registered with
        | Some registration -> registration
        | None ->
            fail
                [
                    Report.error
                        ""
                        $"the configuration did not register a unikernel: end it with {howToRegister}"
                        configPath
                        0
                        0
                ]
    finally
        // The context goes once nothing refers to the config's code any more.
        context.Unload()
