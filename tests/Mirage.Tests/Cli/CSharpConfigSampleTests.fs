/// The C# twins of hello and hello-key, end to end on every target: configure -f config.cs, build
/// -f config.cs, run.
module Mirage.Tests.Cli.CSharpConfigSampleTests

open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private samplesOn target =
    testList
        target
        [
            testCase "hello from config.cs logs hello four times, a second apart"
            <| fun () ->
                let binary = buildFrom "config.cs" "hello" target
                checkBinary target binary
                let result = run (sampleDir "hello") binary []
                Expect.equal result.ExitCode 0 $"exit code\n{result}"
                let messages, gaps = logged result
                Expect.equal messages [| "hello"; "hello"; "hello"; "hello" |] "four hellos"
                expectOneSecondApart gaps

            testCase "hello-key from config.cs says what --hello says, and documents it"
            <| fun () ->
                let dir = sampleDir "hello-key"
                let binary = buildFrom "config.cs" "hello-key" target
                checkBinary target binary
                let greeting = run dir binary [ "--hello=Bonjour à tous !" ]
                Expect.equal greeting.ExitCode 0 $"exit code\n{greeting}"
                let messages, gaps = logged greeting
                Expect.equal messages (Array.create 4 "Bonjour à tous !") "the runtime argument"
                expectOneSecondApart gaps
                let byDefault = run dir binary []
                Expect.equal (fst (logged byDefault)) (Array.create 4 "Hello World!") "the default"
                let help = run dir binary [ "--help" ]
                Expect.equal help.ExitCode 63 $"help\n{help}"
                Expect.stringContains help.Stdout "How to say hello." "with its doc"
        ]

[<Tests>]
let tests = sampleTests "Cli.csharp samples" [ samplesOn "unix"; samplesOn "aot" ]
