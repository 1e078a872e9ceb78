/// What every command starts from: the config file, its saved context with the command line's
/// overrides, the evaluated registration, and (on demand) the configuration in memory.
module Mirage.Cli.Commands.Session

open System
open System.Collections.Generic
open System.IO
open Mirage.Cli.Failure
open Mirage.Cli
open Mirage.Evaluation
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Library
open Mirage.Engine.Output

/// Splits what Argu left over into positional words and configure keys: `--name=value`,
/// `--name value` (a word right after a `--name` without `=` is its value), or `--name` alone
/// (meaning true).
let splitArguments (rest: string list) : string list * IReadOnlyDictionary<string, string> =
    let rec go positional keys =
        function
        | [] -> List.rev positional, keys
        | (arg: string) :: tail when arg.StartsWith "--" && arg.Length > 2 ->
            match arg.IndexOf '=' with
            | eq when eq > 2 -> go positional (Map.add arg[2 .. eq - 1] arg[eq + 1 ..] keys) tail
            | _ ->
                match tail with
                | value :: tail' when not (value.StartsWith "-") -> go positional (Map.add arg[2..] value keys) tail'
                | _ -> go positional (Map.add arg[2..] "true" keys) tail
        | (arg: string) :: _ when arg.StartsWith "-" ->
            failf "unexpected argument '%s': configure keys are given as --name=value" arg
        | word :: tail -> go (word :: positional) keys tail

    let positional, keys = go [] Map.empty rest
    positional, (keys |> Map.toSeq |> dict |> Dictionary :> _)

/// The configure keys of a command that takes no positional word.
let keyArguments (rest: string list) =
    match splitArguments rest with
    | [], keys -> keys
    | word :: _, _ -> failf "unexpected argument '%s': configure keys are given as --name=value" word

/// The config file named by `-f` (it must exist), else `config.fsx`, else `config.cs` (config.fsx
/// when both are here).
let configPath (file: string option) =
    match file with
    | Some path ->
        if not (File.Exists path) then
            failf "configuration file %s missing" path

        Path.GetFullPath path
    | None ->
        match File.Exists "config.fsx", File.Exists "config.cs" with
        | true, _ -> Path.GetFullPath "config.fsx"
        | false, true -> Path.GetFullPath "config.cs"
        | false, false -> fail "configuration file config.fsx missing (and no config.cs either)"

/// Where the default choice is made (configure without `-f` and without a saved context), a note
/// says which of two configs here is used; every later command follows that choice silently.
let private noteBothConfigs () =
    if File.Exists "config.fsx" && File.Exists "config.cs" then
        eprintfn "mirage: config.fsx and config.cs are both here: using config.fsx (-f config.cs for the other)"

/// Where generated unikernels find the runtime: the runtime packages at this CLI's version, or, in
/// development mode (`MIRAGE_RUNTIME_PROJECT` names Mirage.Runtime.csproj in a checkout), its projects.
let projectOptions () =
    try
        UnikernelProject.Options(Environment.GetEnvironmentVariable UnikernelProject.RuntimeProjectVariable)
    with :? ArgumentException as e ->
        fail e.Message

/// The context saved by the last configure beside this config, if any.
let savedContext (configPath: string) =
    let file = (UnikernelLayout.OfConfig configPath).ContextFile

    if File.Exists file then
        try
            Some(ConfigureContext.Parse(file, File.ReadAllText file))
        with :? FormatException as e ->
            fail e.Message
    else
        None

type Session =
    {
        ConfigPath: string
        Registration: Mirage.Engine.Model.Registration
        Context: ConfigureContext
        /// The command's own options (`--file`, `-t`...), named when a `--name` is neither one of
        /// them nor a configure key.
        CommandOptions: string list
    }

/// What a command's own options say about evaluating its config.
type Evaluation =
    {
        /// How long the config may run (`--eval-timeout`).
        Timeout: TimeSpan
        /// The command's options, for messages.
        CommandOptions: string list
    }

/// Where a command starts from: configure from the defaults, as upstream does; build, query and
/// describe from what the last configure saved.
type Origin =
    | Defaults
    | SavedContext

/// The config file a command reads: `-f` if given; else, for a command starting from the saved
/// context, the file the last configure here was told with `-f`; else the default choice. The
/// second part is the file's name to save in the context (None for the default choice).
let private chooseConfig (origin: Origin) (file: string option) =
    let chosen path =
        let path = configPath (Some path)
        path, Some(Path.GetFileName path)

    match file, origin with
    | Some path, _ -> chosen path
    | None, SavedContext ->
        match savedContext (Path.GetFullPath "config.fsx") with
        | Some context when not (isNull context.ConfigFile) && File.Exists context.ConfigFile ->
            chosen context.ConfigFile
        | _ -> configPath None, None
    | None, Defaults ->
        if (savedContext (Path.GetFullPath "config.fsx")).IsNone then
            noteBothConfigs ()

        configPath None, None

/// Evaluates the config at `path`, shows the compiler's warnings, and fails with its diagnostics.
/// A config that ends the process is reported, and the process exits 1 rather than the config's code.
let evaluate (timeout: TimeSpan) (path: string) =
    let options: ConfigEvaluator.Options =
        {
            Timeout = timeout
            OnExit =
                fun diagnostic ->
                    eprintfn "%s" (Present.diagnostic path diagnostic)
                    Environment.ExitCode <- 1
        }

    match ConfigEvaluator.evaluateWith options path with
    | Ok evaluated ->
        Present.report path evaluated.Report
        evaluated.Registration
    | Error report ->
        Present.report path report
        raise (MirageError("", 1))

/// Evaluates the config and puts the command line's target and keys on top of `origin`.
let start
    (evaluation: Evaluation)
    (origin: Origin)
    (file: string option)
    (target: string option)
    (keys: IReadOnlyDictionary<string, string>)
    =
    let path, savedName = chooseConfig origin file
    // `--target=aot` is the built-in key spelled as a key: the same as `-t aot`.
    let target =
        match target, keys.TryGetValue "target" with
        | None, (true, value) -> Some value
        | _ -> target

    let keys =
        keys
        |> Seq.filter (fun k -> k.Key <> "target")
        |> Seq.map (fun k -> k.Key, k.Value)
        |> readOnlyDict

    let baseContext =
        match origin with
        | SavedContext -> savedContext path
        | Defaults -> None
        |> Option.defaultValue (ConfigureContext(Mirage.Engine.Targets.KnownTargets.Unix.Name, Dictionary()))

    {
        ConfigPath = path
        Registration = evaluate evaluation.Timeout path
        Context =
            let context = baseContext.Override(Option.toObj target, keys)
            ConfigureContext(context.Target, context.Keys, Option.toObj savedName)
        CommandOptions = evaluation.CommandOptions
    }

/// The engine names an unknown `--name` an unknown configure key; on a command line it may as well
/// be a misspelt option, so the CLI names both lists.
let private unknownNames (session: Session) (diagnostics: Mirage.Engine.Diagnostics.Diagnostic seq) =
    let known =
        Configurator.Keys session.Registration
        |> Seq.map (fun k -> k.Name)
        |> List.ofSeq

    let unknown =
        session.Context.Keys.Keys
        |> Seq.filter (fun name -> not (List.contains name known))
        |> Seq.sort
        |> List.ofSeq

    [
        for d in diagnostics do
            if d.Code = "unknown-key" then
                for name in unknown do
                    let options = String.concat ", " session.CommandOptions
                    let keys = if known.IsEmpty then "none" else String.concat ", " known

                    yield
                        Mirage.Engine.Diagnostics.Diagnostic(
                            d.Code,
                            $"unknown option or configure key --{name} (options: {options}; configure keys: {keys})",
                            d.Location
                        )
            else
                yield d
    ]
    |> List.distinct

/// Optimizes the registration and generates every file, in memory.
let configuration (session: Session) =
    try
        Configurator.Configure(
            ConfigureRequest(session.Registration, session.ConfigPath, session.Context, projectOptions ())
        )
    with
    | :? Mirage.Engine.Diagnostics.ConfigurationException as e ->
        Present.failWith session.ConfigPath (unknownNames session e.Diagnostics)
    | :? ArgumentException as e ->
        Present.failWith session.ConfigPath (ConfigRunner.exceptionDiagnostics session.ConfigPath e)
