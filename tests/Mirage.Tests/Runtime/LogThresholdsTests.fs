module Mirage.Tests.Runtime.LogThresholdsTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Logging

let private levels: LogLevel option list =
    [
        None
        Some LogLevel.App
        Some LogLevel.Error
        Some LogLevel.Warning
        Some LogLevel.Info
        Some LogLevel.Debug
    ]

let private sourceName =
    let chars =
        Gen.elements ([ 'a' .. 'z' ] @ [ 'A' .. 'Z' ] @ [ '0' .. '9' ] @ [ '.'; '-'; '_'; '/' ])

    Gen.nonEmptyListOf chars |> Gen.map (fun chars -> String(List.toArray chars))

let private threshold =
    Gen.map2
        (fun source level -> LogThreshold(Option.toObj source, Option.toNullable level))
        (Gen.optionOf sourceName)
        (Gen.elements levels)

let private thresholds =
    Gen.nonEmptyListOf threshold
    |> Gen.map (fun entries -> LogThresholds entries)
    |> Arb.fromGen

let private entry source (level: LogLevel option) =
    LogThreshold(source, Option.toNullable level)

let private parsed text =
    (LogThresholds.Parse text).Entries |> List.ofSeq

let private rejected text =
    match LogThresholds.TryParse text with
    | true, thresholds, _ -> failtestf "'%s' was read as '%O'" text thresholds
    | false, _, error ->
        match error with
        | null -> failtestf "'%s' was rejected without a reason" text
        | error ->
            Expect.stringStarts
                error
                "expected a comma-separated list of LEVEL, *:LEVEL or SRC:LEVEL with LEVEL one of quiet, app, error, warning, info, debug;"
                "the expected form"

            error

let private parsing =
    testList
        "parsing"
        [
            testProperty "parse (print t) = t"
            <| Prop.forAll thresholds (fun t ->
                let back = LogThresholds.Parse(string t)
                Expect.equal back t $"'{t}' read back as '{back}'"
                Expect.equal (back.GetHashCode()) (t.GetHashCode()) "equal hashes")

            testCase "a bare level is for every source"
            <| fun () ->
                Expect.equal (parsed "debug") [ entry null (Some LogLevel.Debug) ] "debug"
                Expect.equal (parsed "quiet") [ entry null None ] "quiet"

            testCase "*:level and src:level"
            <| fun () ->
                Expect.equal
                    (parsed "*:info,tcp:debug,udp:quiet")
                    [
                        entry null (Some LogLevel.Info)
                        entry "tcp" (Some LogLevel.Debug)
                        entry "udp" None
                    ]
                    "entries in order"

            testCase "levels ignore case and entries ignore surrounding spaces"
            <| fun () ->
                Expect.equal
                    (parsed " WARNING , tcp : Error ")
                    [ entry null (Some LogLevel.Warning); entry "tcp" (Some LogLevel.Error) ]
                    "entries"

            testCase "bad specs are rejected with the reason"
            <| fun () ->
                Expect.stringContains (rejected "verbose") "'verbose' is not a level" "unknown level"
                Expect.stringContains (rejected "tcp:loud") "'loud' is not a level" "unknown source level"
                Expect.stringContains (rejected "a:b:c") "'a:b:c' has more than one ':'" "two colons"
                Expect.stringContains (rejected ":info") "has no source before ':'" "no source"
                Expect.stringContains (rejected "tcp:") "'' is not a level" "no level"
                Expect.stringContains (rejected "info,,debug") "an entry is empty" "empty entry"
                Expect.stringContains (rejected "") "an entry is empty" "empty text"

            testCase "Parse throws a FormatException that explains"
            <| fun () ->
                Expect.throwsC (fun () -> LogThresholds.Parse "loud" |> ignore) (fun e ->
                    Expect.isTrue (e :? FormatException) $"a FormatException, not {e.GetType()}"
                    Expect.stringContains e.Message "'loud' is not a level" "message")

            testCase "source names that cannot be printed back are refused"
            <| fun () ->
                for bad in [ ""; "*"; "a:b"; "a,b"; " a" ] do
                    Expect.throwsT<ArgumentException>
                        (fun () -> LogThresholds [ entry bad (Some LogLevel.Info) ] |> ignore)
                        $"'{bad}'"
        ]

let private resolution =
    testList
        "thresholds per source"
        [
            testCase "a source's own entry beats the every-source entry, wherever it stands"
            <| fun () ->
                let t = LogThresholds.Parse "tcp:debug,warning"
                Expect.equal (t.LevelFor("tcp", Nullable LogLevel.Info)) (Nullable LogLevel.Debug) "tcp"
                Expect.equal (t.LevelFor("udp", Nullable LogLevel.Info)) (Nullable LogLevel.Warning) "udp"

            testCase "later entries win"
            <| fun () ->
                let t = LogThresholds.Parse "debug,tcp:info,error,tcp:quiet"
                Expect.equal (t.LevelFor("tcp", Nullable LogLevel.Info)) (Nullable()) "tcp"
                Expect.equal (t.LevelFor("udp", Nullable LogLevel.Info)) (Nullable LogLevel.Error) "udp"

            testCase "without a matching entry the fallback holds"
            <| fun () ->
                let t = LogThresholds.Parse "tcp:debug"
                Expect.equal (t.LevelFor("udp", Nullable LogLevel.App)) (Nullable LogLevel.App) "fallback"

            testCase "the argument is -l/--logs LEVEL, absent by default"
            <| fun () ->
                let spec = LogThresholds.Argument
                Expect.equal (List.ofSeq spec.Names) [ "l"; "logs" ] "names"
                Expect.equal spec.Docv "LEVEL" "docv"
                Expect.isNull spec.Default "default"
        ]

[<Tests>]
let tests = testList "Runtime.LogThresholds" [ parsing; resolution ]
