module Mirage.Cli.Program

open System
open Argu
open Mirage.Cli.Commands
open Mirage.Cli.Commands.Arguments
open Mirage.Cli.Console.Output

// The union is fixed and covered by tests: skip the structure check, which costs start-up time.
let private parser =
    ArgumentParser.Create<MirageArgs>(programName = "mirage", checkStructure = false)

let private keysHelp (file: string option) =
    // Keys come from the config: show them when it evaluates; help must work without one too.
    try
        let path = Session.configPath file

        let registration =
            (Mirage.Cli.Evaluation.ConfigEvaluator.evaluate path).Registration

        [
            yield ""
            yield $"CONFIGURE KEYS (from {Mirage.Cli.Evaluation.ConfigEvaluator.displayPath path}):"
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
    match topic with
    | None -> printfn "%s" (parser.PrintUsage())
    | Some "configure" -> printfn "%s" (parser.GetSubCommandParser(Configure).PrintUsage())
    | Some "build" -> printfn "%s" (parser.GetSubCommandParser(Build).PrintUsage())
    | Some "clean" -> printfn "%s" (parser.GetSubCommandParser(Clean).PrintUsage())
    | Some "query" -> printfn "%s" (parser.GetSubCommandParser(Query).PrintUsage())
    | Some "describe" -> printfn "%s" (parser.GetSubCommandParser(Describe).PrintUsage())
    | Some "help" -> printfn "%s" (parser.GetSubCommandParser(Help).PrintUsage())
    | Some other -> failf "unknown command '%s' (commands: configure, build, clean, query, describe, help)" other

    0

let private dispatch (results: ParseResults<MirageArgs>) =
    match results.GetSubCommand() with
    | Configure args ->
        let session =
            Session.start
                (args.TryGetResult ConfigureArgs.File)
                (args.TryGetResult ConfigureArgs.Target)
                args.UnrecognizedCliParams

        Configure.run session (args.Contains ConfigureArgs.Dry_Run)
    | Build args ->
        Build.run (
            Session.start
                (args.TryGetResult BuildArgs.File)
                (args.TryGetResult BuildArgs.Target)
                args.UnrecognizedCliParams
        )
    | Clean args -> Clean.run (Session.configPath (args.TryGetResult CleanArgs.File))
    | Query args ->
        // A word right after `--key` (no `=`) is that key's value, not the kind.
        let rec split positional keys =
            function
            | (key: string) :: value :: rest when
                key.StartsWith "--" && not (key.Contains '=') && not (value.StartsWith "-")
                ->
                split positional (keys @ [ key; value ]) rest
            | (arg: string) :: rest when arg.StartsWith "-" -> split positional (keys @ [ arg ]) rest
            | word :: rest -> split (positional @ [ word ]) keys rest
            | [] -> positional, keys

        let positional, keys = split [] [] args.UnrecognizedCliParams

        let kind =
            match positional with
            | [] -> QueryKind.Packages
            | [ name ] ->
                match queryKinds |> List.tryFind (fun (n, _) -> n = name) with
                | Some(_, kind) -> kind
                | None ->
                    failf "unknown query '%s' (one of: %s)" name (queryKinds |> List.map fst |> String.concat ", ")
            | _ -> failf "query takes one kind, got: %s" (String.concat " " positional)

        Query.run (Session.start (args.TryGetResult QueryArgs.File) (args.TryGetResult QueryArgs.Target) keys) kind
    | Describe args ->
        let session =
            Session.start
                (args.TryGetResult DescribeArgs.File)
                (args.TryGetResult DescribeArgs.Target)
                args.UnrecognizedCliParams

        Describe.run
            session
            (args.Contains DescribeArgs.Dot)
            (args.TryGetResult DescribeArgs.Output)
            (args.Contains DescribeArgs.Verbose)
    | Help args -> help (args.TryGetResult HelpArgs.Topic)

/// `-o-` (write to standard output) as Argu reads it: `-o -`.
let private normalise (argv: string array) =
    argv |> Array.collect (fun a -> if a = "-o-" then [| "-o"; "-" |] else [| a |])

/// Runs `mirage` with these arguments and returns the exit code.
let run (argv: string array) =
    let argv = normalise argv

    try
        match argv with
        | [||] ->
            eprintfn "%s" (parser.PrintUsage())
            1
        | [| "help" |] -> help None
        | _ when argv[0] = "configure" && Array.exists isHelp argv ->
            printfn "%s" (parser.GetSubCommandParser(Configure).PrintUsage())
            printfn "%s" (String.Join(Environment.NewLine, keysHelp (rawFile argv)))
            0
        | _ -> dispatch (parser.ParseCommandLine(argv, ignoreUnrecognized = true, raiseOnUsage = true))
    with
    | :? ArguParseException as e when e.ErrorCode = ErrorCode.HelpText ->
        printfn "%s" e.Message
        0
    | :? ArguParseException as e ->
        eprintfn "%s" e.Message
        1
    | CliError(message, code) ->
        if message <> "" then
            eprintfn "%s" message

        code

[<EntryPoint>]
let main argv = run argv
