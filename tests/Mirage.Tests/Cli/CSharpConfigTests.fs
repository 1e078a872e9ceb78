/// config.cs through the CLI: which file is used, C# compile and runtime errors located in the config
/// with a non-zero exit and nothing written, and the compiled config cached like config.fsx.
module Mirage.Tests.Cli.CSharpConfigTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes

let private header =
    "#:project ../../src/Mirage.Facade.CSharp\n\nusing Mirage.CSharp;\nusing static Mirage.CSharp.Dsl;\n\n"

/// Configures a config.cs made of `header + body` in a fresh folder; returns the result and whether
/// configure left a mirage/ folder behind.
let private configure (body: string) (args: string list) =
    use dir = new TempDir()
    dir.Write "config.cs" (header + body) |> ignore
    let result = mirage dir.Path ("configure" :: args)
    result, Directory.Exists(Path.Combine(dir.Path, "mirage"))

let private expectFailure (result: Result, wrote: bool) (fragments: string list) =
    Expect.notEqual result.ExitCode 0 $"configure must fail\n{result}"
    Expect.isFalse wrote "a failed configure writes nothing"
    Expect.isFalse (result.Stderr.Contains "   at ") $"no stack trace for the user\n{result}"

    for fragment in fragments do
        Expect.stringContains result.Stderr fragment $"the error names {fragment}\n{result}"

let private ok (result: Result) =
    Expect.equal result.ExitCode 0 $"exit code\n{result}"
    result

let private noopFsx =
    "open Mirage\nopen type Mirage.Dsl\nregister (\"from-fsharp\", [ noop ])\n"

[<Tests>]
let tests =
    testList
        "Cli.csharp configs"
        [
            testCase "an unknown name is CS0103, located at its line and column (the #: line keeps the count)"
            <| fun () ->
                // line 6 of the file, column 10
                let result, wrote = configure "Register(noSuchDevice, [Devices.Noop]);\n" []
                expectFailure (result, wrote) [ "config.cs(6,10): error CS0103:"; "noSuchDevice" ]

            testCase "a functor applied to a device of the wrong module type does not compile"
            <| fun () ->
                let body =
                    "var main = Main(\"Unikernel.Hello\", Typ.Sleep.To(Typ.Job));\nRegister(\"bad\", [main.Apply(Devices.DefaultRandom)]);\n"

                let result, wrote = configure body []

                expectFailure
                    (result, wrote)
                    [
                        "config.cs(7,"
                        "error CS1503"
                        "cannot convert from 'Mirage.CSharp.Impl<Mirage.CSharp.Random>' to 'Mirage.CSharp.Impl<Mirage.CSharp.Sleep>'"
                    ]

            testCase "a syntax error is reported like csc does"
            <| fun () ->
                let result, wrote = configure "Register(\"t\", [Devices.Noop]\n" []
                expectFailure (result, wrote) [ "config.cs(6,"; "error CS1026" ]

            testCase "an exception thrown by the config is located at the line that threw"
            <| fun () ->
                let body =
                    "var name = \"t\";\nthrow new System.InvalidOperationException(\"no \" + name);\n"

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "config.cs(7,"; "error: no t" ]

            testCase "a bad runtime argument name is located in the config"
            <| fun () ->
                let body =
                    "var arg = Mirage.Devices.Arguments.RuntimeArgKinds.Int(1).Create(\"Bad Name\", \"doc\");\nRegister(\"t\", [Devices.Noop]);\n"

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "config.cs(6,"; "invalid runtime argument name 'Bad Name'" ]

            testCase "a config that registers nothing says how to register"
            <| fun () ->
                let result, wrote = configure "var x = 1;\n" []
                expectFailure (result, wrote) [ "config.cs: error: the configuration did not register"; "Register(" ]

            testCase "registering twice names both places"
            <| fun () ->
                let body =
                    "Register(\"one\", [Devices.Noop]);\nRegister(\"two\", [Devices.Noop]);\n"

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "config.cs(7): error register-twice"; "'one'"; "'two'" ]

            testCase "#:package is refused with its location, not silently ignored"
            <| fun () ->
                let result, wrote =
                    configure "#:package Newtonsoft.Json@13.0.3\nRegister(\"t\", [Devices.Noop]);\n" []

                expectFailure (result, wrote) [ "config.cs(6,1): error package-directive" ]

            testCase "engine errors (unknown key) are reported as for config.fsx"
            <| fun () ->
                let result, wrote =
                    configure "Register(\"t\", [Devices.Noop]);\n" [ "--no-such-key=1" ]

                expectFailure (result, wrote) [ "unknown option or configure key --no-such-key" ]

            testCase "a failed configure.cs leaves the earlier output untouched"
            <| fun () ->
                let second =
                    BadConfigTests.failedConfigureKeepsOutput
                        "config.cs"
                        (header + "Register(\"t\", [Devices.Noop]);\n")
                        "int oops = \"not an int\";\n"

                Expect.stringContains second.Stderr "error CS0029" "the type error"

            testCase "with no -f, config.cs is used when it is alone"
            <| fun () ->
                use dir = new TempDir()

                dir.Write "config.cs" (header + "Register(\"from-csharp\", [Devices.Noop]);\n")
                |> ignore

                let result = ok (mirage dir.Path [ "query"; "name" ])
                Expect.equal result.StdoutLines [| "from-csharp" |] "config.cs evaluated"
                Expect.equal result.Stderr "" "no note"

            testCase "with both files, config.fsx is used and configure's note says so; -f config.cs picks the other"
            <| fun () ->
                use dir = new TempDir()

                dir.Write "config.cs" (header + "Register(\"from-csharp\", [Devices.Noop]);\n")
                |> ignore

                dir.Write "config.fsx" noopFsx |> ignore
                let both = ok (mirage dir.Path [ "query"; "name" ])
                Expect.equal both.StdoutLines [| "from-fsharp" |] "config.fsx wins"
                let configured = ok (mirage dir.Path [ "configure"; "--dry-run" ])
                Expect.stringContains configured.Stderr "using config.fsx (-f config.cs for the other)" "the note"
                let chosen = ok (mirage dir.Path [ "query"; "name"; "-f"; "config.cs" ])
                Expect.equal chosen.StdoutLines [| "from-csharp" |] "-f config.cs"
                Expect.equal chosen.Stderr "" "no note with -f"

            testCase
                "configure -f config.cs is remembered: query and describe without -f follow it, configure starts over"
            <| fun () ->
                use dir = new TempDir()

                dir.Write "config.cs" (header + "Register(\"from-csharp\", [Devices.Noop]);\n")
                |> ignore

                dir.Write "config.fsx" noopFsx |> ignore
                ok (mirage dir.Path [ "configure"; "-f"; "config.cs" ]) |> ignore

                Expect.stringContains
                    (File.ReadAllText(Path.Combine(dir.Path, "mirage", "context")))
                    "config=config.cs"
                    "the context names the file"

                let query = ok (mirage dir.Path [ "query"; "name" ])
                Expect.equal query.StdoutLines [| "from-csharp" |] "query follows the saved -f"
                Expect.equal query.Stderr "" "no note: the file was chosen"
                let explicitFsx = ok (mirage dir.Path [ "query"; "name"; "-f"; "config.fsx" ])
                Expect.equal explicitFsx.StdoutLines [| "from-fsharp" |] "-f still wins"
                ok (mirage dir.Path [ "configure" ]) |> ignore
                let again = ok (mirage dir.Path [ "query"; "name" ])
                Expect.equal again.StdoutLines [| "from-fsharp" |] "configure without -f chose the default again"

            testCase "a C# config is not compiled into the unikernel, whatever its name"
            <| fun () ->
                use dir = new TempDir()

                dir.Write "unikernel-config.cs" (header + "Register(\"t\", [Devices.Noop]);\n")
                |> ignore

                let project =
                    ok (mirage dir.Path [ "query"; "project"; "-f"; "unikernel-config.cs" ])

                Expect.stringContains
                    project.Stdout
                    "Exclude=\"../config.cs;../unikernel-config.cs;../mirage/**"
                    "both the conventional and the given config are excluded"

            testCase "a .csx is refused with a pointer to config.cs"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.csx" "Register(\"t\", [Devices.Noop]);\n" |> ignore
                let result = mirage dir.Path [ "configure"; "-f"; "config.csx" ]
                Expect.equal result.ExitCode 1 $"exit code\n{result}"
                Expect.stringContains result.Stderr "config.csx: error: C# scripts (.csx) are not configs" "message"
                Expect.isFalse (Directory.Exists(Path.Combine(dir.Path, "mirage"))) "nothing written"

            testCase "with neither file, the error names both"
            <| fun () ->
                use dir = new TempDir()
                let result = mirage dir.Path [ "configure" ]
                Expect.equal result.ExitCode 1 $"exit code\n{result}"
                Expect.stringContains result.Stderr "config.fsx missing (and no config.cs either)" "message"

            testCase "a compiled config.cs is cached by content, and a cache hit does not load Roslyn"
            <| fun () ->
                use dir = new TempDir()
                let config = dir.Write "config.cs" (header + "Register(\"t\", [Devices.Noop]);\n")
                let cache = Path.Combine(dir.Path, "cache")

                let env = [ "MIRAGE_CACHE_DIR", cache; "MIRAGE_TRACE_ASSEMBLIES", "1" ]

                let entries () =
                    Directory.GetDirectories(Path.Combine(cache, "configs")).Length

                let roslyn (result: Result) =
                    result.Stderr.Contains "mirage: loaded Microsoft.CodeAnalysis"

                let first = ok (mirageWith env dir.Path [ "query"; "name" ])
                Expect.isTrue (roslyn first) $"a miss compiles with Roslyn\n{first}"
                let second = ok (mirageWith env dir.Path [ "query"; "name" ])
                Expect.isFalse (roslyn second) $"a hit does not load Roslyn\n{second}"
                Expect.equal (entries ()) 1 "one entry for one content"
                File.AppendAllText(config, "// changed\n")
                ok (mirageWith env dir.Path [ "query"; "name" ]) |> ignore
                Expect.equal (entries ()) 2 "a new entry for new content"
        ]
