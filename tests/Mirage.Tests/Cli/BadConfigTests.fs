/// Each kind of bad configuration gets a located, explicit error, a non-zero exit code, and writes
/// nothing (and leaves an earlier configure's output untouched).
module Mirage.Tests.Cli.BadConfigTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes

let private header = "open Mirage\nopen type Mirage.Dsl\n\n"

/// Configures `config` (the body after the opens) in a fresh folder with `args`; returns the result
/// and whether configure left a mirage/ folder behind.
let private configure (body: string) (args: string list) =
    use dir = new TempDir()
    dir.Write "config.fsx" (header + body) |> ignore
    let result = mirage dir.Path ("configure" :: args)
    result, Directory.Exists(Path.Combine(dir.Path, "mirage"))

let private expectFailure (result: Result, wrote: bool) (fragments: string list) =
    Expect.notEqual result.ExitCode 0 $"configure must fail\n{result}"
    Expect.isFalse wrote "a failed configure writes nothing"

    for fragment in fragments do
        Expect.stringContains result.Stderr fragment $"the error names {fragment}\n{result}"

/// Configures `good` (written to `file` in a fresh folder), then appends `breaking` to it and
/// configures for aot: the second configure fails and leaves the first one's output byte for byte
/// (for config.fsx and config.cs alike). Returns the failed result.
let failedConfigureKeepsOutput (file: string) (good: string) (breaking: string) =
    use dir = new TempDir()
    let config = dir.Write file good
    let first = mirage dir.Path [ "configure" ]
    Expect.equal first.ExitCode 0 $"first configure\n{first}"
    let output = Path.Combine(dir.Path, "mirage")

    let snapshot () =
        Directory.GetFiles output
        |> Array.sort
        |> Array.map (fun f -> f, File.ReadAllText f)

    let before = snapshot ()
    File.AppendAllText(config, breaking)
    let second = mirage dir.Path [ "configure"; "-t"; "aot" ]
    Expect.notEqual second.ExitCode 0 $"second configure fails\n{second}"
    Expect.equal (snapshot ()) before "earlier output untouched"
    second

[<Tests>]
let tests =
    testList
        "Cli.bad configs"
        [
            testCase
                "a functor applied to a device of the wrong module type does not compile, and the error names both types"
            <| fun () ->
                let body =
                    """type stackv4v6 = Stackv4v6
type kv_ro = Kv_ro
let stackv4v6 : stackv4v6 typ = typ "stackv4v6"
let kv_ro : kv_ro typ = typ "kv_ro"
let store = impl ("Store.Direct", kv_ro)
let main = main ("Unikernel.Main", stackv4v6 @-> job)
register ("bad", [ main $ store ])
"""

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "config.fsx(10,"; "error FS0001"; "stackv4v6 impl"; "kv_ro impl" ]

            testCase "a syntax error is reported like the F# compiler does"
            <| fun () ->
                let result, wrote = configure "let main = main (\"Unikernel.Main\", job\n" []
                expectFailure (result, wrote) [ "config.fsx(4,"; "error FS" ]

            testCase "an unknown target lists the valid ones"
            <| fun () ->
                let result, wrote = configure "register (\"t\", [ noop ])\n" [ "-t"; "xen" ]
                expectFailure (result, wrote) [ "unknown target 'xen'"; "unix"; "aot" ]

            testCase "an unknown configure key is named, with the known keys and options"
            <| fun () ->
                let result, wrote = configure "register (\"t\", [ noop ])\n" [ "--no-such-key=1" ]
                expectFailure (result, wrote) [ "unknown option or configure key --no-such-key"; "target"; "--dry-run" ]

            testCase "a bad key value says what was expected"
            <| fun () ->
                let body =
                    """let verbose = Key.create ("verbose", Key.Arg.opt (Key.Arg.bool, false, Key.Arg.info "Be verbose."))
let job = if_impl (Key.value verbose) noop noop
register ("t", [ job ])
"""

                let result, wrote = configure body [ "--verbose=perhaps" ]
                expectFailure (result, wrote) [ "invalid value 'perhaps' for --verbose" ]

            testCase "a package conflict names both devices and both bounds"
            <| fun () ->
                let body =
                    """let a = impl ("Device.A", job, packages = [ package ("Some.Package", min = "2.0") ])
let b = impl ("Device.B", job, packages = [ package ("Some.Package", max = "2.0") ])
register ("t", [ a; b ])
"""

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "Some.Package"; "Device.A"; "Device.B"; "2.0" ]

            testCase "a recursive device definition is a located error, not a crash"
            <| fun () ->
                let body =
                    """let rec a : job impl = impl ("Device.A", job, extra_deps = [ dep b ])
and b : job impl = impl ("Device.B", job, extra_deps = [ dep a ])
register ("t", [ a ])
"""

                let result, wrote = configure body []
                expectFailure (result, wrote) [ "config.fsx" ]
                Expect.isFalse (result.Stderr.Contains "   at ") $"no stack trace for the user\n{result}"

            testCase "a config that registers nothing says so"
            <| fun () ->
                let result, wrote = configure "let x = 1\n" []
                expectFailure (result, wrote) [ "did not register" ]

            testCase "a missing config file is named, exit 1"
            <| fun () ->
                use dir = new TempDir()
                let result = mirage dir.Path [ "configure" ]
                Expect.equal result.ExitCode 1 $"exit code\n{result}"
                Expect.stringContains result.Stderr "configuration file config.fsx missing" "message"

            testCase "a failed configure leaves the earlier output untouched"
            <| fun () ->
                failedConfigureKeepsOutput
                    "config.fsx"
                    (header + "register (\"t\", [ noop ])\n")
                    "let oops : int = \"not an int\"\n"
                |> ignore
        ]
