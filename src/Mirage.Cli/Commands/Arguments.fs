/// The command line of `mirage`, one Argu union per command. Configure keys are not cases here:
/// they come from the config itself and are read from the arguments Argu leaves unrecognized.
module Mirage.Cli.Commands.Arguments

open Argu
open Mirage.Engine.Describe

type ConfigureArgs =
    | [<AltCommandLine("-f"); EqualsAssignmentOrSpaced>] File of path: string
    | [<AltCommandLine("-t"); EqualsAssignmentOrSpaced>] Target of target: string
    | Dry_Run
    | [<EqualsAssignmentOrSpaced>] Eval_Timeout of seconds: float

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ -> "the configuration file, config.fsx or config.cs (default: config.fsx, else config.cs)."
            | Target _ -> "the target to configure for: unix or aot (default: the last configured, else unix)."
            | Dry_Run ->
                "print the files configure would write (and the stale ones it would delete), and write nothing."
            | Eval_Timeout _ -> "stop evaluating the config after this many seconds (default: 30)."

type BuildArgs =
    | [<AltCommandLine("-f"); EqualsAssignmentOrSpaced>] File of path: string
    | [<AltCommandLine("-t"); EqualsAssignmentOrSpaced>] Target of target: string
    | [<EqualsAssignmentOrSpaced>] Eval_Timeout of seconds: float

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ -> "the configuration file, config.fsx or config.cs (default: config.fsx, else config.cs)."
            | Target _ -> "configure again for this target before building."
            | Eval_Timeout _ -> "stop evaluating the config after this many seconds (default: 30)."

type CleanArgs =
    | [<AltCommandLine("-f"); EqualsAssignmentOrSpaced>] File of path: string
    | Dry_Run

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ ->
                "the configuration file, whose folder is cleaned (default: this folder, with or without a config)."
            | Dry_Run -> "print what clean would delete, and delete nothing."

/// `query [KIND]`: the kind is positional and read from what Argu leaves unrecognized, with the
/// configure keys (Argu's main-command parameters would swallow `--key=value` arguments).
type QueryArgs =
    | [<AltCommandLine("-f"); EqualsAssignmentOrSpaced>] File of path: string
    | [<AltCommandLine("-t"); EqualsAssignmentOrSpaced>] Target of target: string
    | [<EqualsAssignmentOrSpaced>] Eval_Timeout of seconds: float

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ -> "the configuration file, config.fsx or config.cs (default: config.fsx, else config.cs)."
            | Target _ -> "query as if configured for this target."
            | Eval_Timeout _ -> "stop evaluating the config after this many seconds (default: 30)."

/// The kinds `mirage query` knows, by their command-line names.
let queryKinds =
    [
        "name", QueryKind.Name
        "packages", QueryKind.Packages
        "files", QueryKind.Files
        "project", QueryKind.Project
        "main", QueryKind.Main
        "keys", QueryKind.Keys
        "runtime-args", QueryKind.RuntimeArgs
    ]

type DescribeArgs =
    | [<AltCommandLine("-f"); EqualsAssignmentOrSpaced>] File of path: string
    | [<AltCommandLine("-t"); EqualsAssignmentOrSpaced>] Target of target: string
    | Dot
    | [<AltCommandLine("-o"); EqualsAssignmentOrSpaced>] Output of file: string
    | [<AltCommandLine("-v")>] Verbose
    | Eval
    | No_Eval
    | [<EqualsAssignmentOrSpaced>] Eval_Timeout of seconds: float

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ -> "the configuration file, config.fsx or config.cs (default: config.fsx, else config.cs)."
            | Target _ -> "describe as if configured for this target."
            | Dot -> "print the device graph in Graphviz's dot language."
            | Output _ -> "with --dot: write to this file ('-' for standard output, the default)."
            | Verbose -> "also list the packages and every device."
            | Eval ->
                "with --dot: the graph once the keys are evaluated, the devices they choose (the default when the unikernel has been configured)."
            | No_Eval ->
                "with --dot: the graph before evaluation, each if_impl/match_impl a node with its branches (the default when the unikernel has not been configured)."
            | Eval_Timeout _ -> "stop evaluating the config after this many seconds (default: 30)."

type HelpArgs =
    | [<MainCommand>] Topic of command: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Topic _ -> "the command to explain."

type MirageArgs =
    | [<CliPrefix(CliPrefix.None); SubCommand>] Configure of ParseResults<ConfigureArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Build of ParseResults<BuildArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Clean of ParseResults<CleanArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Query of ParseResults<QueryArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Describe of ParseResults<DescribeArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Help of ParseResults<HelpArgs>
    | Version

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Configure _ ->
                "check the config (config.fsx or config.cs), specialise it for a target and write the wiring into mirage/."
            | Build _ -> "build the configured unikernel into dist/<name>."
            | Clean _ -> "remove what configure and build wrote."
            | Query _ ->
                "print one fact about the unikernel: query [name|packages|files|project|main|keys|runtime-args] (default: packages)."
            | Describe _ -> "describe the unikernel: name, keys, devices; --dot for a graph."
            | Help _ -> "explain a command."
            | Version -> "print mirage's version."
