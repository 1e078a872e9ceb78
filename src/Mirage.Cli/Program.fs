module Mirage.Cli.Program

open System
open Argu
open Mirage.Cli.Commands
open Mirage.Cli.Commands.Arguments
open Mirage.Cli.Failure

// Argu builds a parser by reflection over a union, which is most of mirage's start-up time: each
// command builds only its own, and the whole command tree is built for top-level help and errors.
// The unions are fixed and covered by tests, so their structure check is skipped.
let private parser =
    lazy (ArgumentParser.Create<MirageArgs>(programName = "mirage", checkStructure = false))

let private commandParser<'T when 'T :> IArgParserTemplate> (name: string) =
    ArgumentParser.Create<'T>(programName = $"mirage {name}", checkStructure = false)

let private parseCommand<'T when 'T :> IArgParserTemplate> name (args: string array) =
    (commandParser<'T> name).ParseCommandLine(args, ignoreUnrecognized = true, raiseOnUsage = true)

let private keysHelp (file: string option) =
    // Keys come from the config: show them when it evaluates; help must work without one too.
    try
        let path = Session.configPath file

        let registration =
            match Mirage.Evaluation.ConfigEvaluator.evaluate path with
            | Ok evaluated -> evaluated.Registration
            | Error _ -> fail "no registration"

        [
            yield ""
            yield $"CONFIGURE KEYS (from {Present.displayPath path}):"
            yield ""
            for key in Mirage.Engine.Configurator.Keys registration do
                yield $"    --{key.Name}=<{key.Docv}>"
                yield $"                          {key.Doc} (default: {key.Print key.Default})"
        ]
    with _ ->
        [ ""; "CONFIGURE KEYS: none (no configuration file could be evaluated)." ]

let private isHelp (arg: string) = arg = "--help" || arg = "-h"

/// The `-f` given among raw arguments, for help texts printed before parsing succeeds.
let private rawFile (argv: string array) =
    argv
    |> Array.pairwise
    |> Array.tryPick (fun (a, b) -> if a = "-f" || a = "--file" then Some b else None)
    |> Option.orElse (
        argv
        |> Array.tryPick (fun a -> if a.StartsWith "--file=" then Some a[7..] else None)
    )

let private help (topic: string option) =
    let usage =
        match topic with
        | None -> parser.Value.PrintUsage()
        | Some "configure" -> (commandParser<ConfigureArgs> "configure").PrintUsage()
        | Some "build" -> (commandParser<BuildArgs> "build").PrintUsage()
        | Some "clean" -> (commandParser<CleanArgs> "clean").PrintUsage()
        | Some "query" -> (commandParser<QueryArgs> "query").PrintUsage()
        | Some "describe" -> (commandParser<DescribeArgs> "describe").PrintUsage()
        | Some "help" -> (commandParser<HelpArgs> "help").PrintUsage()
        | Some other -> failf "unknown command '%s' (commands: configure, build, clean, query, describe, help)" other

    printfn "%s" usage
    0

/// The options of a command, as its help names them.
let private optionNames<'T when 'T :> IArgParserTemplate> name =
    [
        for case in (commandParser<'T> name).GetArgumentCases() do
            yield! case.CommandLineNames.Value
        yield "--help"
    ]

/// How a command evaluates its config: its `--eval-timeout`, and its options for messages.
let private evaluation<'T when 'T :> IArgParserTemplate> name (timeout: float option) : Session.Evaluation =
    {
        Timeout =
            match timeout with
            | Some seconds when seconds > 0.0 && not (Double.IsInfinity seconds) -> TimeSpan.FromSeconds seconds
            | Some seconds ->
                raise (
                    MirageError(
                        $"mirage {name}: --eval-timeout must be a positive number of seconds, not {seconds}",
                        64
                    )
                )
            | None -> Mirage.Evaluation.ConfigEvaluator.defaultTimeout
        CommandOptions = optionNames<'T> name
    }

let private configure (args: ParseResults<ConfigureArgs>) =
    let session =
        Session.start
            (evaluation<ConfigureArgs> "configure" (args.TryGetResult ConfigureArgs.Eval_Timeout))
            Session.Defaults
            (args.TryGetResult ConfigureArgs.File)
            (args.TryGetResult ConfigureArgs.Target)
            (Session.keyArguments args.UnrecognizedCliParams)

    Configure.run session (args.Contains ConfigureArgs.Dry_Run)

let private build (args: ParseResults<BuildArgs>) =
    Build.run (
        Session.start
            (evaluation<BuildArgs> "build" (args.TryGetResult BuildArgs.Eval_Timeout))
            Session.SavedContext
            (args.TryGetResult BuildArgs.File)
            (args.TryGetResult BuildArgs.Target)
            (Session.keyArguments args.UnrecognizedCliParams)
    )

let private clean (args: ParseResults<CleanArgs>) =
    Clean.run (args.TryGetResult CleanArgs.File) (args.Contains CleanArgs.Dry_Run)

let private query (args: ParseResults<QueryArgs>) =
    let positional, keys = Session.splitArguments args.UnrecognizedCliParams

    let kind =
        match positional with
        | [] -> Mirage.Engine.Describe.QueryKind.Packages
        | [ name ] ->
            match queryKinds |> List.tryFind (fun (n, _) -> n = name) with
            | Some(_, kind) -> kind
            | None -> failf "unknown query '%s' (one of: %s)" name (queryKinds |> List.map fst |> String.concat ", ")
        | _ -> failf "query takes one kind, got: %s" (String.concat " " positional)

    Query.run
        (Session.start
            (evaluation<QueryArgs> "query" (args.TryGetResult QueryArgs.Eval_Timeout))
            Session.SavedContext
            (args.TryGetResult QueryArgs.File)
            (args.TryGetResult QueryArgs.Target)
            keys)
        kind

let private describe (args: ParseResults<DescribeArgs>) =
    let session =
        Session.start
            (evaluation<DescribeArgs> "describe" (args.TryGetResult DescribeArgs.Eval_Timeout))
            Session.SavedContext
            (args.TryGetResult DescribeArgs.File)
            (args.TryGetResult DescribeArgs.Target)
            (Session.keyArguments args.UnrecognizedCliParams)

    Describe.run
        session
        (args.Contains DescribeArgs.Dot)
        (if args.Contains DescribeArgs.Eval then Some true
         elif args.Contains DescribeArgs.No_Eval then Some false
         else None)
        (args.TryGetResult DescribeArgs.Output)
        (args.Contains DescribeArgs.Verbose)

/// This CLI's version (the assembly's informational version, without the source revision).
let private version =
    let attribute =
        Reflection.Assembly
            .GetExecutingAssembly()
            .GetCustomAttributes(typeof<Reflection.AssemblyInformationalVersionAttribute>, false)
        |> Array.tryHead
        |> Option.map (fun a -> (a :?> Reflection.AssemblyInformationalVersionAttribute).InformationalVersion)
        |> Option.defaultValue "unknown"

    attribute.Split('+')[0]

/// Runs one command with the rest of the command line.
let private dispatch (command: string) (rest: string array) =
    match command with
    | "configure" -> configure (parseCommand "configure" rest)
    | "build" -> build (parseCommand "build" rest)
    | "clean" -> clean (parseCommand "clean" rest)
    | "query" -> query (parseCommand "query" rest)
    | "describe" -> describe (parseCommand "describe" rest)
    | "help" -> help ((parseCommand<HelpArgs> "help" rest).TryGetResult HelpArgs.Topic)
    | _ ->
        // Not a command: the whole tree's parser says so, with the list of commands.
        parser.Value.ParseCommandLine(Array.append [| command |] rest, raiseOnUsage = true)
        |> ignore

        1

/// `-o-` (write to standard output) as Argu reads it: `-o -`.
let private normalise (argv: string array) =
    argv |> Array.collect (fun a -> if a = "-o-" then [| "-o"; "-" |] else [| a |])

/// Runs `mirage` with these arguments and returns the exit code.
let run (argv: string array) =
    let argv = normalise argv

    try
        match argv with
        | [||] ->
            eprintfn "%s" (parser.Value.PrintUsage())
            1
        | [| "help" |] -> help None
        | [| "--version" |] ->
            printfn "%s" version
            0
        | _ when argv[0] = "configure" && Array.exists isHelp argv ->
            printfn "%s" ((commandParser<ConfigureArgs> "configure").PrintUsage())
            printfn "%s" (String.Join(Environment.NewLine, keysHelp (rawFile argv)))
            0
        | _ -> dispatch argv[0] argv[1..]
    with
    | :? ArguParseException as e when e.ErrorCode = ErrorCode.HelpText ->
        printfn "%s" e.Message
        0
    | :? ArguParseException as e ->
        eprintfn "%s" e.Message
        1
    | MirageError(message, code) ->
        if message <> "" then
            eprintfn "%s" message

        code
    | :? IO.IOException
    | :? UnauthorizedAccessException as e ->
        eprintfn "mirage: %s" e.Message
        1

[<EntryPoint>]
let main argv =
    let code = run argv

    // For tests and the curious: what this run loaded (a cached config loads no compiler).
    if Environment.GetEnvironmentVariable "MIRAGE_TRACE_ASSEMBLIES" = "1" then
        for assembly in AppDomain.CurrentDomain.GetAssemblies() do
            eprintfn "mirage: loaded %s" (assembly.GetName().Name)

    // Exit now, whatever threads the config started: a foreground thread would otherwise keep the
    // process alive after its work is done, and its outcome must not depend on them.
    Console.Out.Flush()
    Console.Error.Flush()
    exit code
