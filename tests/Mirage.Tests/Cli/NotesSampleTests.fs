/// The notes sample end to end: a chamelon store on a disk file keeps a note from one run to the next.
module Mirage.Tests.Cli.NotesSampleTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

/// The messages of every log line.
let private messages (result: Result) =
    result.StdoutLines
    |> Array.map (fun line -> line.Substring(line.IndexOf(' ') + 1))

let private notesFrom configFile =
    testCase
        $"notes ({configFile}): the second run sees the first run's note; an unformatted disk says how to format it; a bad size exits 64"
    <| fun () ->
        let dir = sampleDir "notes"
        let binary = buildFrom configFile "notes" "unix"
        let image = Path.Combine(dir, "notes.img")
        File.WriteAllBytes(image, Array.zeroCreate (256 * 512))

        try
            let unformatted = run dir binary [ "--note=lost" ]
            Expect.equal unformatted.ExitCode 1 $"unformatted\n{unformatted}"
            Expect.stringContains unformatted.Stdout "run once with --chamelon-format" "says how to format"

            let first = run dir binary [ "--chamelon-format"; "--note=first note" ]
            Expect.equal first.ExitCode 0 $"first run\n{first}"
            Expect.contains (messages first) "INF [application] kept note 0001" "kept the first note"

            let second = run dir binary [ "--note=second"; "--program-block-size=16" ]
            Expect.equal second.ExitCode 0 $"second run\n{second}"
            let lines = messages second
            Expect.contains lines "INF [application] note 0001: first note" "the first run's note"
            Expect.contains lines "INF [application] 2 note(s) kept" "both notes"

            let third = run dir binary []
            Expect.contains (messages third) "INF [application] note 0002: second" "the second run's note"

            // A program block size no device can take is a bad argument: refused at start, naming it.
            let tooSmall = run dir binary [ "--program-block-size=4" ]
            Expect.equal tooSmall.ExitCode 64 $"too small\n{tooSmall}"
            Expect.stringContains tooSmall.Stderr "option '--program-block-size': invalid value '4'" "names the option"
        finally
            File.Delete image

[<Tests>]
let tests =
    sampleTests "Cli.notes sample" [ notesFrom "config.fsx"; notesFrom "config.cs" ]
