/// The testing module for users (Mirage.Testing): key domains, generated assignments, and properties
/// that hold, and fail with the assignment that breaks them.
module Mirage.Tests.Testing.GraphPropertiesTests

open System
open System.Collections.Generic
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage
open Mirage.Devices.Conversion
open Mirage.Testing

type private Size =
    | Small
    | Large

let private sizeKey () =
    Key.create ("size", Key.Arg.opt (Key.Arg.enum [ "small", Small; "large", Large ], Small, Key.Arg.info "How big."))

/// A unikernel whose store depends on two keys; with `--size=large` and `--fast=true` its two
/// devices want disjoint versions of one package.
let private registration () =
    let size = sizeKey ()
    let fast = Key.create ("fast", Key.Arg.flag (Key.Arg.info "Go fast."))

    let greeting =
        Key.create ("greeting", Key.Arg.opt (Key.Arg.string, "hi", Key.Arg.info "What to say."))

    let store: job typ = Dsl.job
    let small = Dsl.impl ("Unikernel.Small", store, keys = [ Key.v greeting ])

    let large =
        Dsl.impl ("Unikernel.Large", store, packages = [ Dsl.package ("Store", min = "2.0") ])

    let fastOne =
        Dsl.impl ("Unikernel.Fast", store, packages = [ Dsl.package ("Store", max = "2.0") ])

    let chosen = match_impl (Key.value size) [ Large, large ] small

    let extra = if_impl (Key.value fast) fastOne Dsl.noop

    Mirage.Devices.Catalogue.Register("props", [| chosen.Impl; extra.Impl |])

let private quick =
    Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true)

/// Runs a property; returns the failure's message, if it fails.
let private failure (property: Property) =
    try
        Check.One(quick, property)
        None
    with e ->
        Some e.Message

let private supplied (pairs: (string * string list) list) : SuppliedValues =
    pairs |> List.map (fun (k, v) -> k, Array.ofList v) |> readOnlyDict

[<Tests>]
let tests =
    testList
        "Testing.GraphProperties"
        [
            testCase "a key's domain comes from its declaration, else its default and supplied values"
            <| fun () ->
                let boolKey = Converters.Bool.CreateKey("b", true, "doc")
                Expect.equal (KeyDomain.values [] boolKey) [ "true"; "false" ] "both booleans"
                Expect.equal (KeyDomain.values [] (sizeKey ()).Key) [ "small"; "large" ] "every enum name"
                let word = Converters.String.CreateKey("w", "hi", "doc")
                Expect.equal (KeyDomain.values [] word) [ "hi" ] "the default"
                Expect.equal (KeyDomain.values [ "yo"; "hi" ] word) [ "hi"; "yo" ] "default and supplied"

                let renamed =
                    Converters.Enum([ struct ("a", 1); struct ("b", 2) ]).CreateKey("e", 1, "doc", "LETTER")

                Expect.equal (KeyDomain.values [] renamed) [ "a" ] "an enum with its own docv: only its default"
                let count = Converters.Int.CreateKey("n", 3, "doc")

                let error =
                    Expect.throwsC (fun () -> KeyDomain.values [ "many" ] count |> ignore) id

                Expect.stringContains error.Message "'n'" "names the key"
                Expect.stringContains error.Message "expected an integer" "says what was expected"

            testCase "generated assignments use the registration's keys and values, each at most once"
            <| fun () ->
                let r = registration ()
                let domains = ConfigGen.Domains(r, supplied [ "greeting", [ "yo" ] ]) |> Map.ofList

                Expect.equal
                    (Map.keys domains |> List.ofSeq)
                    [ "fast"; "greeting"; "size" ]
                    "every key but target, by name"

                let property =
                    Prop.forAll (ConfigGen.Assignments(r, supplied [ "greeting", [ "yo" ] ])) (fun a ->
                        Expect.contains [ "unix"; "aot" ] a.Target "a target"

                        for key, value in a.Keys do
                            Expect.contains domains[key] value $"a value of {key}"

                        Expect.equal (a.Keys |> List.map fst |> List.distinct) (List.map fst a.Keys) "once each")

                Expect.isNone (failure property) "holds"

            testCase "every value of every key, and both targets, are generated"
            <| fun () ->
                let r = registration ()
                let seen = HashSet<string>()

                let property =
                    Prop.forAll (ConfigGen.Assignments(r, supplied [ "greeting", [ "yo" ] ])) (fun a ->
                        seen.Add $"-t {a.Target}" |> ignore

                        for key, value in a.Keys do
                            seen.Add $"--{key}={value}" |> ignore)

                Check.One(quick, property)

                Expect.equal
                    (Set.ofSeq seen)
                    (set
                        [
                            "-t unix"
                            "-t aot"
                            "--fast=true"
                            "--fast=false"
                            "--size=small"
                            "--size=large"
                            "--greeting=hi"
                            "--greeting=yo"
                        ])
                    "everything"

            testCase "a package conflict under some keys is found, with the fewest keys that cause it"
            <| fun () ->
                let r = registration ()

                match failure (GraphProperties.NoPackageConflict r) with
                | None -> failtest "the conflict is found"
                | Some message ->
                    Expect.stringContains message "package conflict on Store" "the diagnostic"
                    Expect.stringContains message "-t unix --fast=true --size=large" "the shrunk assignment"

                match failure (GraphProperties.ConfiguresUnderEveryAssignment r) with
                | None -> failtest "configure fails under that assignment"
                | Some message -> Expect.stringContains message "configure fails" "says so"

            testCase "without the conflicting device, every assignment configures"
            <| fun () ->
                let chosen =
                    if_impl (Key.map ((=) Large) (Key.value (sizeKey ()))) Dsl.noop Dsl.noop

                let r = Mirage.Devices.Catalogue.Register("fine", [| chosen.Impl |])
                Expect.isNone (failure (GraphProperties.ConfiguresUnderEveryAssignment r)) "configures"
                Expect.isNone (failure (GraphProperties.NoPackageConflict r)) "no conflict"

            testCase "a device is present or absent when a key has a value"
            <| fun () ->
                let r = registration ()

                let holds property =
                    Expect.isNone (failure property) "holds"

                let fails (property: Property) (text: string) =
                    match failure property with
                    | None -> failtest "fails"
                    | Some message -> Expect.stringContains message text "says why"

                holds (GraphProperties.DevicePresentWhen(r, "size", "small", "Unikernel.Small"))
                holds (GraphProperties.DeviceAbsentWhen(r, "size", "small", "Unikernel.Large"))
                holds (GraphProperties.DeviceAbsentWhen(r, "fast", "false", "Unikernel.Fast"))

                let perTarget =
                    let aot = Dsl.impl ("Unikernel.AotJob", Dsl.job)
                    let unix = Dsl.impl ("Unikernel.UnixJob", Dsl.job)

                    Mirage.Devices.Catalogue.Register(
                        "per-target",
                        [| (match_impl Key.target [ Aot, aot ] unix).Impl |]
                    )

                holds (GraphProperties.DevicePresentWhen(perTarget, "target", "aot", "Unikernel.AotJob"))
                holds (GraphProperties.DeviceAbsentWhen(perTarget, "target", "aot", "Unikernel.UnixJob"))
                fails (GraphProperties.DevicePresentWhen(perTarget, "target", "unix", "Unikernel.AotJob")) "-t unix"
                fails (GraphProperties.DevicePresentWhen(r, "size", "small", "Unikernel.Large")) "is missing"
                fails (GraphProperties.DeviceAbsentWhen(r, "size", "small", "Unikernel.Small")) "is present"

                let error =
                    Expect.throwsC (fun () -> GraphProperties.DevicePresentWhen(r, "colour", "red", "X") |> ignore) id

                Expect.stringContains error.Message "reads no configure key 'colour'" "an unknown key is an error"

            testCase "ForAll checks a property of each configuration, in memory"
            <| fun () ->
                let r = registration ()

                let mainMentions (configuration: Mirage.Engine.Configuration) (text: string) =
                    configuration.Files |> Seq.exists (fun f -> f.Content.Contains(text: string))

                let property =
                    GraphProperties.ForAll(
                        Mirage.Devices.Catalogue.Register("fine", [| Dsl.noop.Impl |]),
                        Func<_, _, _>(fun a c -> mainMentions c "Mirage.Runtime" && c.Target.Name = a.Target)
                    )

                Expect.isNone (failure property) "holds"

                let wrong =
                    GraphProperties.ForAll(r, Func<_, _, _>(fun a _ -> a.TryFind "size" <> Some "large"))

                match failure wrong with
                | None -> failtest "fails"
                | Some message -> Expect.stringContains message "--size=large" "with the assignment"
        ]
