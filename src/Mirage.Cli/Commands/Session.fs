/// What every command starts from: the config file, its saved context with the command line's
/// overrides, the evaluated registration, and (on demand) the configuration in memory.
module Mirage.Cli.Commands.Session

open System
open System.Collections.Generic
open System.IO
open System.Reflection
open Mirage.Evaluation.Errors
open Mirage.Evaluation
open Mirage.Engine
open Mirage.Engine.CodeGen
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

/// The config file named by `-f` (it must exist), else `config.fsx`, else `config.cs`. When both are
/// here config.fsx is used, and a note on stderr says so.
let configPath (file: string option) =
    match file with
    | Some path ->
        if not (File.Exists path) then
            failf "configuration file %s missing" path

        Path.GetFullPath path
    | None ->
        match File.Exists "config.fsx", File.Exists "config.cs" with
        | true, true ->
            eprintfn "mirage: config.fsx and config.cs are both here: using config.fsx (-f config.cs for the other)"
            Path.GetFullPath "config.fsx"
        | true, false -> Path.GetFullPath "config.fsx"
        | false, true -> Path.GetFullPath "config.cs"
        | false, false -> fail "configuration file config.fsx missing (and no config.cs either)"

/// The runtime project generated unikernels reference: `MIRAGE_RUNTIME_PROJECT`, else the one
/// this CLI was built beside.
let projectOptions () =
    let runtime =
        match Environment.GetEnvironmentVariable "MIRAGE_RUNTIME_PROJECT" with
        | NonNull path when path <> "" -> path
        | _ ->
            Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
            |> Seq.tryFind (fun a -> a.Key = "MirageRuntimeProject")
            |> Option.map (fun a -> a.Value)
            |> Option.defaultWith (fun () -> fail "cannot find Mirage.Runtime: set MIRAGE_RUNTIME_PROJECT")

    ProjectOptions(Path.GetFullPath runtime)

/// The context saved by the last configure beside this config, if any.
let savedContext (configPath: string) =
    let file =
        Path.Combine(Configurator.OutputDirectoryOf configPath, ConfigureContext.FileName)

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
    | None, Defaults -> configPath None, None

/// Evaluates the config and puts the command line's target and keys on top of `origin`.
let start (origin: Origin) (file: string option) (target: string option) (keys: IReadOnlyDictionary<string, string>) =
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

    let evaluated = ConfigEvaluator.evaluate path

    {
        ConfigPath = path
        Registration = evaluated.Registration
        Context =
            let context = baseContext.Override(Option.toObj target, keys)
            ConfigureContext(context.Target, context.Keys, Option.toObj savedName)
    }

/// Optimizes the registration and generates every file, in memory.
let configuration (session: Session) =
    try
        Configurator.Configure(
            ConfigureRequest(session.Registration, session.ConfigPath, session.Context, projectOptions ())
        )
    with
    | :? Mirage.Engine.Diagnostics.ConfigurationException as e ->
        ConfigEvaluator.reportConfigurationError session.ConfigPath e
    | :? ArgumentException as e -> ConfigEvaluator.reportConfigurationError session.ConfigPath e
