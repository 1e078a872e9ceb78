/// The command line's own behaviour around configs: clean without one, dry runs that list deletions,
/// unknown options, --version, where the two-configs note is said, describe --eval/--no-eval, and a
/// cache that cannot be written.
module Mirage.Tests.Cli.CommandLineTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support.Processes

let private config =
    """open Mirage
open type Mirage.Dsl

let verbose =
    Key.create ("verbose", Key.Arg.opt (Key.Arg.bool, false, Key.Arg.info "Log every step."))

let quiet = impl ("Device.Quiet", job)
let loud = impl ("Device.Loud", job)
register ("keys", [ if_impl (Key.value verbose) loud quiet ])
"""

let private withConfig f =
    use dir = new TempDir()
    dir.Write "config.fsx" config |> ignore
    f dir

let private ok (result: Result) =
    Expect.equal result.ExitCode 0 $"exit code\n{result}"
    result

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
let tests =
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
