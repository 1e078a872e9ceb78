/// configure, query, describe, clean and help on a small config with a key, a choice and packages;
/// and the command line's own behaviour around configs: clean without one, dry runs that list
/// deletions, unknown options, --version, where the two-configs note is said, describe
/// --eval/--no-eval, and a cache that cannot be written.
module Mirage.Tests.Cli.CommandTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support.Processes

let private config =
    """open Mirage
open type Mirage.Dsl

let verbose =
    Key.create ("verbose", Key.Arg.opt (Key.Arg.bool, false, Key.Arg.info "Log every step."))

let quiet =
    impl ("Device.Quiet", job, packages = [ package ("Pkg.Quiet", min = "1.0") ], files = [ "quiet.txt" ])
let loud = impl ("Device.Loud", job, packages = [ package ("Pkg.Loud", min = "1.0", max = "2.0") ])

register ("keys", [ if_impl (Key.value verbose) loud quiet ])
"""

let private withConfig f =
    use dir = new TempDir()
    dir.Write "config.fsx" config |> ignore
    f dir

let private ok (result: Result) =
    Expect.equal result.ExitCode 0 $"exit code\n{result}"
    result

[<Tests>]
let tests =
    testList
        "Cli.commands"
        [
            testCase "query name and packages follow the keys"
            <| fun () ->
                withConfig (fun dir ->
                    Expect.equal (ok (mirage dir.Path [ "query"; "name" ])).StdoutLines [| "keys" |] "name"
                    Expect.equal (ok (mirage dir.Path [ "query" ])).StdoutLines [| "Pkg.Quiet 1.0" |] "default branch"

                    Expect.equal
                        (ok (mirage dir.Path [ "query"; "packages"; "--verbose=true" ])).StdoutLines
                        [| "Pkg.Loud [1.0,2.0)" |]
                        "chosen branch"

                    Expect.equal
                        (ok (mirage dir.Path [ "query"; "--verbose"; "true"; "packages" ])).StdoutLines
                        [| "Pkg.Loud [1.0,2.0)" |]
                        "a spaced key value is not the kind")

            testCase "configure saves the context; query and describe reuse it, their own values override it"
            <| fun () ->
                withConfig (fun dir ->
                    ok (mirage dir.Path [ "configure"; "-t"; "aot"; "--verbose=true" ]) |> ignore
                    let context = File.ReadAllText(Path.Combine(dir.Path, "mirage", "context"))
                    Expect.stringContains context "target=aot" "saved target"
                    Expect.stringContains context "--verbose=true" "saved key"
                    let project = (ok (mirage dir.Path [ "query"; "project" ])).Stdout
                    Expect.stringContains project "<PublishAot>true</PublishAot>" "aot project from the context"
                    Expect.stringContains project "Pkg.Loud" "key from the context"
                    let unix = (ok (mirage dir.Path [ "query"; "project"; "-t"; "unix" ])).Stdout
                    Expect.stringContains unix "<PublishSingleFile>true</PublishSingleFile>" "override"
                    Expect.stringContains unix "Pkg.Loud" "the other keys still come from the context"

                    Expect.equal
                        (File.ReadAllText(Path.Combine(dir.Path, "mirage", "context")))
                        context
                        "query writes nothing"

                    let described = (ok (mirage dir.Path [ "describe" ])).Stdout
                    Expect.stringContains described "verbose=true" "key value"
                    Expect.isFalse (described.Contains "verbose=true (default)") "not marked default"
                    Expect.stringContains described "target=aot" "target"

                    // configure itself starts from the defaults, as upstream's does
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    let again = File.ReadAllText(Path.Combine(dir.Path, "mirage", "context"))
                    Expect.stringContains again "target=unix" "a new configure resets the target"
                    Expect.isFalse (again.Contains "--verbose") "and the keys")

            testCase "describe marks defaults, lists packages with -v, and writes dot"
            <| fun () ->
                withConfig (fun dir ->
                    let described = (ok (mirage dir.Path [ "describe" ])).Stdout
                    Expect.stringContains described "Name       keys" "name"
                    Expect.stringContains described "verbose=false (default)" "default marked"
                    Expect.stringContains described "target=unix (default)" "target default"
                    Expect.isFalse (described.Contains "Pkg.Quiet") "packages only with -v"
                    let verbose = (ok (mirage dir.Path [ "describe"; "-v" ])).Stdout
                    Expect.stringContains verbose "Pkg.Quiet >= 1.0" "packages with -v"

                    let dot =
                        (ok (mirage dir.Path [ "describe"; "--dot"; "--eval"; "-o-"; "--verbose=true" ])).Stdout

                    Expect.stringStarts dot "digraph \"keys\" {" "graphviz"
                    Expect.stringContains dot "Device.Loud" "the chosen device"
                    Expect.isFalse (dot.Contains "Device.Quiet") "not the other one"

                    ok (mirage dir.Path [ "describe"; "--dot"; "--eval"; "-o"; "graph.dot" ])
                    |> ignore

                    Expect.stringContains (File.ReadAllText(Path.Combine(dir.Path, "graph.dot"))) "Device.Quiet" "file")

            testCase "configure --help lists the config's keys"
            <| fun () ->
                withConfig (fun dir ->
                    let help = (ok (mirage dir.Path [ "configure"; "--help" ])).Stdout
                    Expect.stringContains help "--verbose=<BOOL>" "key"
                    Expect.stringContains help "Log every step." "doc"
                    Expect.stringContains help "--target=<unix|aot>" "built-in key")

            testCase "configure --dry-run lists files and writes none; query files agrees"
            <| fun () ->
                withConfig (fun dir ->
                    let dry = (ok (mirage dir.Path [ "configure"; "--dry-run" ])).StdoutLines
                    Expect.isFalse (Directory.Exists(Path.Combine(dir.Path, "mirage"))) "nothing written"
                    Expect.contains dry (Path.Combine("mirage", "main.cs")) "main.cs"
                    Expect.contains dry (Path.Combine("mirage", "keys.csproj")) "project"
                    let files = (ok (mirage dir.Path [ "query"; "files" ])).StdoutLines
                    Expect.contains files (Path.Combine("mirage", "main.cs")) "query files"
                    Expect.contains files (Path.Combine("dist", "keys")) "binary"
                    Expect.contains files "quiet.txt" "a chosen device's files"
                    let loud = (ok (mirage dir.Path [ "query"; "files"; "--verbose=true" ])).StdoutLines
                    Expect.isFalse (Array.contains "quiet.txt" loud) "not an unchosen device's")

            testCase "clean removes only generated files"
            <| fun () ->
                withConfig (fun dir ->
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    let mine = dir.Write "mirage/notes.txt" "my own file"
                    ok (mirage dir.Path [ "clean" ]) |> ignore
                    Expect.isTrue (File.Exists mine) "a user's file survives"
                    Expect.isFalse (File.Exists(Path.Combine(dir.Path, "mirage", "main.cs"))) "generated file gone"
                    Expect.isTrue (File.Exists(Path.Combine(dir.Path, "config.fsx"))) "config kept")

            testCase "the compiled config is cached by content"
            <| fun () ->
                withConfig (fun dir ->
                    let cache = Path.Combine(dir.Path, "cache")
                    let env = [ "MIRAGE_CACHE_DIR", cache ]

                    let entries () =
                        Directory.GetDirectories(Path.Combine(cache, "configs")).Length

                    ok (mirageWith env dir.Path [ "query"; "name" ]) |> ignore
                    ok (mirageWith env dir.Path [ "query"; "name" ]) |> ignore
                    Expect.equal (entries ()) 1 "one entry for one content"
                    File.AppendAllText(Path.Combine(dir.Path, "config.fsx"), "\n// changed\n")
                    ok (mirageWith env dir.Path [ "query"; "name" ]) |> ignore
                    Expect.equal (entries ()) 2 "a new entry for new content")

            testCase "a #load-ed file is part of the config, with a #r for editors beside it"
            <| fun () ->
                use dir = new TempDir()
                let helper = dir.Write "helper.fsx" "let name = \"first\"\n"

                dir.Write
                    "config.fsx"
                    "#r \"../not/built/here/Mirage.Dsl.FSharp.dll\"\n#load \"helper.fsx\"\nopen Mirage\nopen type Mirage.Dsl\nregister (Helper.name, [ noop ])\n"
                |> ignore

                let env = [ "MIRAGE_CACHE_DIR", Path.Combine(dir.Path, "cache") ]
                Expect.equal (ok (mirageWith env dir.Path [ "query"; "name" ])).StdoutLines [| "first" |] "loaded"
                File.WriteAllText(helper, "let name = \"second\"\n")
                Expect.equal (ok (mirageWith env dir.Path [ "query"; "name" ])).StdoutLines [| "second" |] "edited"

            testCase "unknown command and help"
            <| fun () ->
                use dir = new TempDir()
                let bad = mirage dir.Path [ "frobnicate" ]
                Expect.notEqual bad.ExitCode 0 "unknown command fails"
                let help = ok (mirage dir.Path [ "help" ])

                for command in [ "configure"; "build"; "clean"; "query"; "describe"; "help" ] do
                    Expect.stringContains help.Stdout command $"help lists {command}"
        ]

/// A folder this process cannot create anything in: a read-only one, or (for root, whom file modes
/// do not stop) one under /proc, where nobody can.
let private unwritableFolder (dir: TempDir) =
    let folder = Path.Combine(dir.Path, "read-only")
    Directory.CreateDirectory folder |> ignore
    File.SetUnixFileMode(folder, UnixFileMode.UserRead ||| UnixFileMode.UserExecute)

    try
        Directory.CreateDirectory(Path.Combine(folder, "probe")) |> ignore
        "/proc/mirage-unwritable-cache"
    with :? UnauthorizedAccessException ->
        folder

[<Tests>]
let commandLine =
    testList
        "Cli.command line"
        [
            testCase "clean without a config succeeds, and cleans what a config that is gone left"
            <| fun () ->
                use empty = new TempDir()
                ok (mirage empty.Path [ "clean" ]) |> ignore

                withConfig (fun dir ->
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    File.Delete(Path.Combine(dir.Path, "config.fsx"))
                    ok (mirage dir.Path [ "clean" ]) |> ignore
                    Expect.isFalse (Directory.Exists(Path.Combine(dir.Path, "mirage"))) "mirage/ removed")

            testCase "clean --dry-run lists what clean deletes and deletes nothing"
            <| fun () ->
                withConfig (fun dir ->
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    let dry = (ok (mirage dir.Path [ "clean"; "--dry-run" ])).StdoutLines
                    Expect.contains dry ("delete " + Path.Combine("mirage", "main.cs")) "main.cs"
                    Expect.contains dry ("delete " + Path.Combine("mirage", "context")) "context"
                    Expect.contains dry ("delete mirage" + string Path.DirectorySeparatorChar) "the emptied folder"
                    Expect.isTrue (File.Exists(Path.Combine(dir.Path, "mirage", "main.cs"))) "nothing deleted")

            testCase "configure --dry-run lists the stale generated files it would delete"
            <| fun () ->
                withConfig (fun dir ->
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    let main = Path.Combine(dir.Path, "mirage", "main.cs")
                    let stale = Path.Combine(dir.Path, "mirage", "old.cs")
                    File.Copy(main, stale)
                    let dry = (ok (mirage dir.Path [ "configure"; "--dry-run" ])).StdoutLines
                    Expect.contains dry (Path.Combine("mirage", "main.cs")) "a file it writes"
                    Expect.contains dry ("delete " + Path.Combine("mirage", "old.cs")) "the stale one"
                    Expect.isTrue (File.Exists stale) "nothing deleted"
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    Expect.isFalse (File.Exists stale) "configure deletes it")

            testCase "an unknown option is named as an unknown option or configure key, with both lists"
            <| fun () ->
                withConfig (fun dir ->
                    for command in [ "configure"; "query"; "describe" ] do
                        let result = mirage dir.Path [ command; "--frobnicate" ]
                        Expect.equal result.ExitCode 1 $"{command}: exit code\n{result}"

                        for fragment in
                            [
                                "unknown option or configure key --frobnicate"
                                "--file"
                                "--target"
                                "verbose"
                            ] do
                            Expect.stringContains result.Stderr fragment $"{command}: names {fragment}\n{result}")

            testCase "--version prints the version"
            <| fun () ->
                use dir = new TempDir()
                let result = ok (mirage dir.Path [ "--version" ])
                Expect.isMatch (result.Stdout.Trim()) @"^\d+\.\d+\.\d+" "a version number"

            testCase "the note on two configs is said where the choice is made, not on every command"
            <| fun () ->
                withConfig (fun dir ->
                    dir.Write "config.cs" "// the other config\n" |> ignore
                    let note = "config.fsx and config.cs are both here"
                    Expect.stringContains (ok (mirage dir.Path [ "configure" ])).Stderr note "configure chooses"
                    Expect.isFalse ((ok (mirage dir.Path [ "query"; "name" ])).Stderr.Contains note) "query follows"
                    Expect.isFalse ((ok (mirage dir.Path [ "describe" ])).Stderr.Contains note) "describe follows"

                    Expect.isFalse
                        ((ok (mirage dir.Path [ "configure" ])).Stderr.Contains note)
                        "a saved context decided")

            testCase "describe --dot --no-eval shows each choice with its branches; --eval the chosen device"
            <| fun () ->
                withConfig (fun dir ->
                    let before = (ok (mirage dir.Path [ "describe"; "--dot" ])).Stdout

                    Expect.stringContains
                        before
                        "label=\"if verbose\", shape=diamond"
                        "the choice, by default before configure"

                    Expect.stringContains before "Device.Loud" "one branch"
                    Expect.stringContains before "Device.Quiet" "the other"
                    Expect.stringContains before "[label=\"true\"]" "branches labelled"

                    let evaluated =
                        (ok (mirage dir.Path [ "describe"; "--dot"; "--eval"; "--verbose=true" ])).Stdout

                    Expect.isFalse (evaluated.Contains "diamond") "no choice left"
                    Expect.stringContains evaluated "Device.Loud" "the chosen device"
                    Expect.isFalse (evaluated.Contains "Device.Quiet") "not the other"
                    ok (mirage dir.Path [ "configure" ]) |> ignore
                    let configured = (ok (mirage dir.Path [ "describe"; "--dot" ])).Stdout
                    Expect.isFalse (configured.Contains "diamond") "evaluated by default once configured"
                    let unevaluated = (ok (mirage dir.Path [ "describe"; "--dot"; "--no-eval" ])).Stdout
                    Expect.stringContains unevaluated "diamond" "unless --no-eval")

            testCase "a cache that cannot be written: configure compiles without it and says so once"
            <| fun () ->
                withConfig (fun dir ->
                    let env = [ "MIRAGE_CACHE_DIR", unwritableFolder dir ]
                    let result = ok (mirageWith env dir.Path [ "configure" ])
                    let notes = result.Stderr.Split "compiling without caching"
                    Expect.hasLength notes 2 $"said once\n{result}"
                    Expect.stringContains result.Stderr "is not writable" "why"
                    Expect.isTrue (File.Exists(Path.Combine(dir.Path, "mirage", "main.cs"))) "configured")
        ]
