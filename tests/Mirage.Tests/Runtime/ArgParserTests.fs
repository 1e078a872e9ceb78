module Mirage.Tests.Runtime.ArgParserTests

open System
open System.IO
open Expecto
open Mirage.Runtime.Arguments
open Mirage.Runtime.Logging

type private Outcome =
    {
        Code: int option
        Out: string list
        Err: string list
    }

let private lines (text: string) =
    text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
    |> List.ofArray

let private run (parser: ArgParser) (argv: string list) =
    use out = new StringWriter()
    use err = new StringWriter()
    let code = parser.Parse(List.toArray argv, out, err)

    {
        Code = Option.ofNullable code
        Out = lines (out.ToString())
        Err = lines (err.ToString())
    }

/// The three lines of an error, as upstream's Cmdliner prints them.
let private errorLines message =
    [
        $"hello-key: {message}"
        "Usage: hello-key [OPTION]…"
        "Try 'hello-key --help' for more information."
    ]

/// A parser like a generated hello-key program's.
let private helloKey () =
    let parser = ArgParser "hello-key"
    let hello = parser.Add(Arg.String("hello", "Hello World!", "How to say hello."))
    let count = parser.Add(Arg.Int("count", 4, "How many times to say it."))
    let verbose = parser.Add(Arg.Flag("verbose", "Say more."))
    let fast = parser.Add(Arg.Bool("fast", false, "Hurry."))
    let logs = parser.Add LogThresholds.Argument
    parser, hello, count, verbose, fast, logs

let private single (spec: ArgSpec<'T>) argv =
    let parser = ArgParser "hello-key"
    let arg = parser.Add spec
    let outcome = run parser argv
    outcome, arg.Value

let private nonNull (text: string | null) =
    match text with
    | null -> ""
    | text -> text

let private roundTrips =
    testList
        "printing then parsing round-trips"
        [
            testProperty "int, in every option form"
            <| fun (n: int) ->
                let spec = Arg.Int("count", 0, "doc")
                let text = spec.Print n

                for argv in [ [ $"--count={text}" ]; [ "--count"; text ] ] do
                    let outcome, value = single spec argv
                    Expect.equal outcome.Code None $"parsed {argv}"
                    Expect.equal value n $"value of {argv}"

                let outcome, value = single (Arg.Int("c", 0, "doc")) [ $"-c{text}" ]
                Expect.equal (outcome.Code, value) (None, n) "short glued form"

            testProperty "int64"
            <| fun (n: int64) ->
                let spec = Arg.Int64("offset", 0L, "doc")
                let outcome, value = single spec [ "--offset"; spec.Print n ]
                Expect.equal (outcome.Code, value) (None, n) "round trip"

            testProperty "float"
            <| fun (x: float) ->
                let spec = Arg.Float("ratio", 0.0, "doc")
                let outcome, value = single spec [ $"--ratio={spec.Print x}" ]
                Expect.equal outcome.Code None "parsed"
                Expect.isTrue (x.Equals value) $"{x} came back as {value}"

            testProperty "string, glued with ="
            <| fun (s: string) ->
                let s = nonNull s
                let spec = Arg.String("hello", "default", "doc")
                let outcome, value = single spec [ $"--hello={spec.Print s}" ]
                Expect.equal (outcome.Code, value) (None, s) "round trip"

            testProperty "string not starting with a dash, as the next word"
            <| fun (s: string) ->
                let s = "x" + nonNull s
                let outcome, value = single (Arg.String("hello", "default", "doc")) [ "--hello"; s ]
                Expect.equal (outcome.Code, value) (None, s) "round trip"

            testProperty "log thresholds through -l"
            <| fun (verbose: bool) ->
                let text = if verbose then "debug,tcp:quiet" else "net:warning"
                let outcome, value = single LogThresholds.Argument [ "-l"; text ]
                Expect.equal outcome.Code None "parsed"
                Expect.equal (LogThresholds.Argument.Print value) text "printed back"
        ]

let private forms =
    testList
        "option forms"
        [
            testCase "values are the defaults until parsed"
            <| fun () ->
                let _, hello, count, verbose, fast, logs = helloKey ()
                Expect.equal hello.Value "Hello World!" "hello"
                Expect.equal count.Value 4 "count"
                Expect.isFalse verbose.Value "verbose"
                Expect.isFalse fast.Value "fast"
                Expect.isNull logs.Value "logs"

            testCase "a full command line sets every value"
            <| fun () ->
                let parser, hello, count, verbose, fast, logs = helloKey ()

                let outcome =
                    run parser [ "--hello"; "Bonjour"; "--count=-2"; "--verbose"; "--fast"; "-ldebug" ]

                Expect.equal outcome.Code None "parsed"
                Expect.isEmpty outcome.Err "no error"
                Expect.equal hello.Value "Bonjour" "hello"
                Expect.equal count.Value -2 "count"
                Expect.isTrue verbose.Value "verbose"
                Expect.isTrue fast.Value "fast"
                Expect.equal (string logs.Value) "debug" "logs"
                Expect.isTrue hello.IsPresent "hello given"

            testCase "an empty command line keeps the defaults"
            <| fun () ->
                let parser, hello, _, _, _, _ = helloKey ()
                Expect.equal (run parser []).Code None "parsed"
                Expect.equal hello.Value "Hello World!" "hello"
                Expect.isFalse hello.IsPresent "hello not given"

            testCase "a bool takes =true, =false, a following true/false, or nothing for true"
            <| fun () ->
                for argv, expected in
                    [
                        [ "--fast=true" ], true
                        [ "--fast=false" ], false
                        [ "--fast"; "false" ], false
                        [ "--fast" ], true
                        [], false
                    ] do
                    let outcome, value = single (Arg.Bool("fast", false, "doc")) argv
                    Expect.equal (outcome.Code, value) (None, expected) $"{argv}"

            testCase "a bool rejects other values"
            <| fun () ->
                let outcome, _ = single (Arg.Bool("fast", false, "doc")) [ "--fast=yes" ]
                Expect.equal outcome.Code (Some 64) "error"
                Expect.equal outcome.Err (errorLines "option '--fast': invalid value 'yes', expected BOOL") "message"

            testCase "a flag is true when present and takes no value"
            <| fun () ->
                let present, value = single (Arg.Flag("verbose", "doc")) [ "--verbose" ]
                Expect.equal (present.Code, value) (None, true) "present"
                let absent, value = single (Arg.Flag("verbose", "doc")) []
                Expect.equal (absent.Code, value) (None, false) "absent"
                let glued, _ = single (Arg.Flag("verbose", "doc")) [ "--verbose=true" ]
                Expect.equal glued.Code (Some 64) "with a value"
                Expect.equal glued.Err (errorLines "option '--verbose' cannot take an argument") "message"

            testCase "a one-letter name is -n value or -nvalue, not --n"
            <| fun () ->
                for argv in [ [ "-n"; "7" ]; [ "-n7" ] ] do
                    let outcome, value = single (Arg.Int("n", 0, "doc")) argv
                    Expect.equal (outcome.Code, value) (None, 7) $"{argv}"

                let outcome, _ = single (Arg.Int("n", 0, "doc")) [ "--n=7" ]
                Expect.equal outcome.Err (errorLines "unknown option '--n'") "long form of a short name"

            testCase "an optional string is null when absent"
            <| fun () ->
                let outcome, value = single (Arg.OptString("name", "doc")) []
                Expect.equal outcome.Code None "parsed"
                Expect.isNull value "absent"
                let _, value = single (Arg.OptString("name", "doc")) [ "--name=" ]
                Expect.equal value "" "given empty"

            testCase "a custom argument reads and prints through its functions"
            <| fun () ->
                let port =
                    Arg.Custom(
                        [| "p"; "port" |],
                        80us,
                        "The port.",
                        "PORT",
                        TryParse<uint16>(fun text value -> UInt16.TryParse(text, &value)),
                        fun value -> string value
                    )

                let outcome, value = single port [ "--port"; "8080" ]
                Expect.equal (outcome.Code, value) (None, 8080us) "long"
                let outcome, value = single port [ "-p443" ]
                Expect.equal (outcome.Code, value) (None, 443us) "short"
                let outcome, _ = single port [ "--port=99999" ]
                Expect.equal outcome.Err (errorLines "option '--port': invalid value '99999', expected PORT") "error"
        ]

let private errors =
    testList
        "errors exit 64 with a message on stderr"
        [
            testCase "an unknown option"
            <| fun () ->
                let parser, hello, _, _, _, _ = helloKey ()
                let outcome = run parser [ "--hello=Hi"; "--bogus" ]
                Expect.equal outcome.Code (Some 64) "exit code"
                Expect.equal outcome.Err (errorLines "unknown option '--bogus'") "message"
                Expect.isEmpty outcome.Out "nothing on stdout"
                Expect.equal hello.Value "Hello World!" "no value is set by a failed parse"

            testCase "an unknown short option"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                Expect.equal (run parser [ "-x" ]).Err (errorLines "unknown option '-x'") "message"

            testCase "an unparsable value"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                let outcome = run parser [ "--count"; "x" ]
                Expect.equal outcome.Code (Some 64) "exit code"
                Expect.equal outcome.Err (errorLines "option '--count': invalid value 'x', expected INT") "message"

            testCase "an unparsable log threshold explains the expected form"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                let outcome = run parser [ "--logs=tcp:loud" ]
                Expect.equal outcome.Code (Some 64) "exit code"

                Expect.stringStarts
                    outcome.Err.Head
                    "hello-key: option '--logs': invalid value 'tcp:loud', expected a comma-separated list of LEVEL"
                    "message"

                Expect.stringContains outcome.Err.Head "'loud' is not a level" "cause"

            testCase "a missing value"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()

                for argv in [ [ "--count" ]; [ "--count"; "--verbose" ] ] do
                    let outcome = run parser argv
                    Expect.equal outcome.Code (Some 64) $"exit code of {argv}"
                    Expect.equal outcome.Err (errorLines "option '--count' needs an argument") "message"

            testCase "a positional argument"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()

                for argv in [ [ "extra" ]; [ "--"; "extra" ] ] do
                    let outcome = run parser argv
                    Expect.equal outcome.Code (Some 64) $"exit code of {argv}"

                    Expect.equal
                        outcome.Err
                        (errorLines "too many arguments, don't know what to do with 'extra'")
                        "message"

            testCase "a repeated option"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                let outcome = run parser [ "--count=1"; "--count=2" ]
                Expect.equal outcome.Code (Some 64) "exit code"
                Expect.equal outcome.Err (errorLines "option '--count' cannot be repeated") "message"

            testCase "a name taken twice throws when added"
            <| fun () ->
                let parser = ArgParser "hello-key"
                parser.Add(Arg.Int("count", 1, "doc")) |> ignore

                Expect.throwsT<ArgumentException>
                    (fun () -> parser.Add(Arg.String("count", "", "doc")) |> ignore)
                    "duplicate"

                Expect.throwsT<ArgumentException> (fun () -> parser.Add(Arg.Flag("help", "doc")) |> ignore) "help"

            testCase "mirage 4.10's underscore spellings name the dashed options; both at once are a repeat"
            <| fun () ->
                let parser = ArgParser "hello-key"
                let servers = parser.Add(Arg.String("dns-servers", "", "doc"))
                let exact = parser.Add(Arg.Int("own_name", 1, "doc"))
                let outcome = run parser [ "--dns_servers=udp:10.0.0.1"; "--own_name"; "2" ]
                Expect.equal outcome.Code None $"parsed: {outcome.Err}"
                Expect.equal servers.Value "udp:10.0.0.1" "--dns_servers is --dns-servers"
                Expect.equal exact.Value 2 "a name with an underscore is still found as written"

                Expect.equal
                    (run parser [ "--dns-servers=a"; "--dns_servers=b" ]).Err
                    (errorLines "option '--dns_servers' cannot be repeated")
                    "one option, two spellings"

                Expect.equal
                    (run parser [ "--own-name=3" ]).Err
                    (errorLines "unknown option '--own-name'")
                    "only _ to -"

            testCase "a name with dashes or = is refused"
            <| fun () ->
                Expect.throwsT<ArgumentException> (fun () -> Arg.Int("--count", 1, "doc") |> ignore) "dashes"
                Expect.throwsT<ArgumentException> (fun () -> Arg.Int("a=b", 1, "doc") |> ignore) "equals"
        ]

let private required =
    testList
        "required options"
        [
            /// A parser with a required --key (and a required -p), beside an optional --hello.
            let withRequired () =
                let parser = ArgParser "hello-key"
                let hello = parser.Add(Arg.String("hello", "Hello World!", "How to say hello."))
                let secret = parser.Add(Arg.RequiredString("key", "The API key."))
                let port = parser.Add(Arg.RequiredInt("p", "The port.", "PORT"))
                parser, hello, secret, port

            testCase "a required option left out is an error naming it, exit 64, values untouched"
            <| fun () ->
                let parser, _, secret, port = withRequired ()
                let outcome = run parser [ "-p"; "8080"; "--hello=hi" ]
                Expect.equal outcome.Code (Some ArgParser.ErrorExitCode) "exit 64"
                Expect.equal outcome.Err (errorLines "required option '--key' is missing") "Cmdliner's wording"
                Expect.equal outcome.Out [] "nothing on stdout"
                Expect.isFalse secret.IsPresent "not present"
                Expect.equal port.Value 0 "not committed"

            testCase "every missing one is named, long names as --name and letters as -l"
            <| fun () ->
                let parser, _, _, _ = withRequired ()
                let outcome = run parser []
                Expect.equal outcome.Code (Some 64) "exit 64"
                Expect.equal outcome.Err (errorLines "required options '--key', '-p' are missing") "both"

            testCase "given, they parse like any option; a bad value is reported as such"
            <| fun () ->
                let parser, hello, secret, port = withRequired ()
                Expect.equal (run parser [ "--key"; "s3cret"; "-p8080" ]).Code None "accepted"
                Expect.equal (secret.Value, port.Value, hello.Value) ("s3cret", 8080, "Hello World!") "values"
                let bad = run parser [ "--key=k"; "-p"; "eighty" ]

                Expect.equal
                    bad.Err
                    (errorLines "option '-p': invalid value 'eighty', expected PORT")
                    "the value's error"

            testCase "--help works without them and marks them (required)"
            <| fun () ->
                let parser, _, _, _ = withRequired ()
                let outcome = run parser [ "--help" ]
                Expect.equal outcome.Code (Some ArgParser.HelpExitCode) "help"
                Expect.contains outcome.Out "       --key=STRING (required)" "--key"
                Expect.contains outcome.Out "       -p PORT (required)" "-p"

                Expect.contains
                    outcome.Out
                    "       --hello=STRING (absent=Hello World!)"
                    "an optional one keeps its default"

            testCase "int64 and float have a required form too"
            <| fun () ->
                Expect.isTrue (Arg.RequiredInt64("n", "")).IsRequired "int64"
                Expect.isTrue (Arg.RequiredFloat("f", "")).IsRequired "float"
                Expect.isFalse (Arg.Int64("n", 0L, "")).IsRequired "an optional one is not"
                Expect.equal (snd (single (Arg.RequiredInt64("n", "")) [ "-n"; "-5" ])) -5L "int64"
                Expect.equal (snd (single (Arg.RequiredFloat("f", "")) [ "-f"; "1.5" ])) 1.5 "float"
                Expect.equal (fst (single (Arg.RequiredFloat("f", "")) [])).Code (Some 64) "missing"
        ]

let private help =
    testList
        "--help exits 63 with the usage on stdout"
        [
            testCase "it lists every option with its value, doc and default"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                let outcome = run parser [ "--count=1"; "--help" ]
                Expect.equal outcome.Code (Some 63) "exit code"
                Expect.isEmpty outcome.Err "nothing on stderr"
                let text = String.Join("\n", outcome.Out)

                for expected in
                    [
                        "hello-key [OPTION]…"
                        "--hello=STRING (absent=Hello World!)"
                        "How to say hello."
                        "--count=INT (absent=4)"
                        "How many times to say it."
                        "--verbose"
                        "Say more."
                        "--fast[=BOOL] (absent=false)"
                        "-l LEVEL, --logs=LEVEL"
                        "Be more or less verbose."
                        "-h, --help"
                    ] do
                    Expect.stringContains text expected "usage"

            testCase "options are listed in name order"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                let text = String.Join("\n", (run parser [ "--help" ]).Out)

                let positions =
                    [ "--count"; "--fast"; "--hello"; "--logs"; "--verbose" ]
                    |> List.map text.IndexOf

                Expect.equal positions (List.sort positions) "sorted"

            testCase "-h is help unless an argument is named h"
            <| fun () ->
                let parser, _, _, _, _, _ = helloKey ()
                Expect.equal (run parser [ "-h" ]).Code (Some 63) "-h is help"

                let parser = ArgParser "hello-key"
                let host = parser.Add(Arg.String("h", "localhost", "The host."))
                let outcome = run parser [ "-h"; "example.org" ]
                Expect.equal (outcome.Code, host.Value) (None, "example.org") "-h is the argument"
                let outcome = run parser [ "--help" ]
                Expect.equal outcome.Code (Some 63) "--help still is help"
                Expect.isFalse (String.Join("\n", outcome.Out).Contains "-h, --help") "no -h for help"
        ]

/// A device's check of an argument (ArgSpec.Refine): a value it refuses is a bad argument, given or by default.
let private refined =
    let even (n: int) =
        if n % 2 = 0 then
            null
        else
            $"expected an even number, not {n}"

    testList
        "refined"
        [
            testCase "a value the check refuses exits 64 naming the option; one it accepts is taken"
            <| fun () ->
                let spec = Arg.Int("count", 4, "doc").Refine(even)
                let outcome, _ = single spec [ "--count=3" ]
                Expect.equal outcome.Code (Some 64) "refused"

                Expect.equal
                    outcome.Err
                    (errorLines "option '--count': invalid value '3', expected an even number, not 3")
                    "the message names the option and says why"

                Expect.equal (single spec [ "--count=6" ]) ({ Code = None; Out = []; Err = [] }, 6) "accepted"

                Expect.equal
                    (single (Arg.Int("count", 4, "doc").Refine(even)) [ "--count=x" ] |> fst).Code
                    (Some 64)
                    "unreadable still"

            testCase "an absent option's default is checked too; a required one is reported missing"
            <| fun () ->
                let outcome, _ = single (Arg.Int("count", 5, "doc").Refine(even)) []

                Expect.equal
                    outcome.Err
                    (errorLines "option '--count' is needed: expected an even number, not 5")
                    "a default the check refuses"

                let outcome, _ = single (Arg.RequiredInt("count", "doc").Refine(even)) []
                Expect.equal outcome.Err (errorLines "required option '--count' is missing") "required"
                Expect.equal (single (Arg.Int("count", 4, "doc").Refine(even)) [] |> fst).Code None "a good default"

            testCase "checks compose; help still works"
            <| fun () ->
                let small (n: int) =
                    if n < 10 then null else "expected less than 10"

                let spec = Arg.Int("count", 4, "doc").Refine(even).Refine(small)
                Expect.equal (single spec [ "--count=3" ] |> fst).Code (Some 64) "the first check"
                Expect.equal (single spec [ "--count=12" ] |> fst).Code (Some 64) "the second check"
                Expect.equal (single spec [ "--count=8" ] |> snd) 8 "both pass"
                Expect.equal (single spec [ "--help" ] |> fst).Code (Some 63) "help"
        ]

[<Tests>]
let tests =
    testList "Runtime.ArgParser" [ roundTrips; forms; errors; required; help; refined ]
