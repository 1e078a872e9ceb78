/// The optimizer on small, hand-written configurations: messages, sharing, merging.
module Mirage.Tests.Engine.OptimizerExamples

open Expecto
open Mirage.Engine.Graph
open Mirage.Engine.Model
open Mirage.Engine.Optimization
open Mirage.Engine.Targets
open Mirage.Tests.Engine.Fixtures

let private register (jobs: Impl list) (init: (InitRole * Impl) list) =
    GraphBuilder.Build(
        Registration("test", ResizeArray jobs, ResizeArray(init |> List.map (fun (role, impl) -> struct (role, impl))))
    )

let private job (jobs: Impl list) = register jobs []

let private withKeys (keys: Key list) name =
    Device(name, ModuleType.Job, keys = Array.ofList keys)

let private withPackages (packages: Package list) name line =
    Device(name, ModuleType.Job, packages = Array.ofList packages, location = at line)

let private single diagnostics =
    Expect.hasLength diagnostics 1 "one diagnostic"
    List.head diagnostics

let private keyTests =
    testList
        "keys"
        [
            test "an unknown key is reported with the known ones" {
                let graph =
                    job [ Impl.Of(withKeys [ boolKey "b" false; boolKey "a" false ] "Main") ]

                let d =
                    single (diagnosticsOf (fun () -> optimizeWith [ "foo", "1" ] builtinKeys graph))

                Expect.equal d.Code "unknown-key" "code"
                Expect.equal d.Message "unknown configure key --foo (known keys: a, b, target)" "message"
            }

            test "a bad key value names the key, what it expects and why" {
                let graph = job [ Impl.Of(withKeys [ boolKey "debug" false ] "Main") ]

                let d =
                    single (diagnosticsOf (fun () -> optimizeWith [ "debug", "maybe" ] builtinKeys graph))

                Expect.equal d.Code "bad-key-value" "code"

                Expect.equal
                    d.Message
                    "invalid value 'maybe' for --debug: expected BOOL (expected true or false)"
                    "message"
            }

            test "an unknown target is a bad value of the target key" {
                let graph = job [ Impl.Of(device "Main" ModuleType.Job) ]

                let d =
                    single (
                        diagnosticsOf (fun () ->
                            Optimizer.Optimize(graph, "xen", readOnlyDict [], [| KnownTargets.Key |]))
                    )

                Expect.equal d.Code "bad-key-value" "code"

                Expect.stringStarts
                    d.Message
                    "invalid value 'xen' for --target: expected unix|aot (unknown target"
                    "message"
            }

            test "the target selects if_impl branches and is resolved as given" {
                let isAot = (KeyValue.Of KnownTargets.Key).Map(fun v -> boxed (string v = "aot"))

                let graph =
                    job
                        [
                            IfImpl(isAot, Impl.Of(device "Aot" ModuleType.Job), Impl.Of(device "Unix" ModuleType.Job))
                        ]

                let resolved =
                    Optimizer.Optimize(graph, "aot", readOnlyDict [], [| KnownTargets.Key |])

                Expect.equal (moduleNamesOf resolved) [ "Aot" ] "the aot branch"
                Expect.equal resolved.Target "aot" "the target"
                let target = Seq.exactlyOne resolved.Keys
                Expect.equal (target.ValueText, target.IsDefault) ("aot", false) "the target key"
            }

            test "one key name declared twice differently is reported at both places" {
                let first =
                    Key("a", "doc", "BOOL", boxed false, (fun _ -> parsed false), string, at 1)

                let second = Key("a", "doc", "STRING", boxed "x", (fun s -> parsed s), string, at 2)

                let graph =
                    job [ Impl.Of(withKeys [ first ] "A"); Impl.Of(withKeys [ second ] "B") ]

                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal d.Code "key-conflict" "code"
                Expect.stringContains d.Message "config.fsx(1)" "the first place"
                Expect.stringContains d.Message "config.fsx(2)" "the second place"
            }

            test "two alike declarations of one name are one key" {
                let graph =
                    job
                        [
                            Impl.Of(withKeys [ boolKey "debug" false ] "A")
                            Impl.Of(withKeys [ boolKey "debug" false ] "B")
                        ]

                let resolved = optimizeWith [ "debug", "true" ] [] graph
                let debug = Seq.exactlyOne resolved.Keys

                Expect.equal
                    (debug.Key.Name, debug.Value, debug.IsDefault)
                    ("debug", boxed true, false)
                    "one key, given"
            }

            test "keys are collected from every branch, taken or not" {
                let inBranch = boolKey "in-branch" false
                let chooser = boolKey "chooser" false
                let taken = withKeys [ inBranch ] "Taken"
                let untaken = withKeys [ boolKey "untaken" false ] "Untaken"
                let choice = IfImpl(KeyValue.Of chooser, Impl.Of untaken, Impl.Of taken)
                let holder = Device("Holder", ModuleType.Job, extraDeps = [| choice |])

                let graph = GraphBuilder.Build(Registration("test", [| Impl.Of holder |], [||]))

                let names (keys: Key seq) =
                    keys |> Seq.map (fun k -> k.Name) |> List.ofSeq

                let all = [ "chooser"; "in-branch"; "target"; "untaken" ]
                Expect.equal (names (Optimizer.CollectKeys(graph, [| KnownTargets.Key |]))) all "for --help"
                let resolved = optimizeWith [ "untaken", "true" ] builtinKeys graph
                Expect.equal (names (resolved.Keys |> Seq.map (fun k -> k.Key))) all "resolved, sorted"

                let given =
                    resolved.Keys
                    |> Seq.filter (fun k -> not k.IsDefault)
                    |> Seq.map (fun k -> k.Key.Name)

                // The target given here is unix, the default one: describe marks it "(default)".
                Expect.equal (List.ofSeq given) [ "untaken" ] "the given key is not a default, the default target is"
            }

            test "match_impl takes the first equal case, else its default" {
                let word = stringKey "word" "a"

                let choice =
                    MatchImpl(
                        KeyValue.Of word,
                        [|
                            struct (boxed "a", Impl.Of(device "A" ModuleType.Job))
                            struct (boxed "b", Impl.Of(device "B" ModuleType.Job))
                            struct (boxed "b", Impl.Of(device "B2" ModuleType.Job))
                        |],
                        Impl.Of(device "Other" ModuleType.Job)
                    )

                let chosen value =
                    moduleNamesOf (optimizeWith [ "word", value ] [] (job [ choice ]))

                Expect.equal (chosen "a") [ "A" ] "a"
                Expect.equal (chosen "b") [ "B" ] "the first b"
                Expect.equal (chosen "z") [ "Other" ] "the default"
            }

            test "a condition that fails is reported" {
                let debug = boolKey "debug" false
                let failing = (KeyValue.Of debug).Map(fun _ -> failwith "boom")
                let graph = job [ IfImpl(failing, Impl.Of(device "A" t), Impl.Of(device "B" t)) ]
                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal d.Code "bad-condition" "code"
                Expect.stringContains d.Message "boom" "the reason"
            }
        ]

let private sharingTests =
    testList
        "sharing"
        [
            test "two constructions of a look-alike device stay two instances" {
                let graph =
                    job [ Impl.Of(device "Unikernel.Main" t); Impl.Of(device "Unikernel.Main" t) ]

                Expect.equal (optimize graph).Instances.Length 2 "two instances"
            }

            test "one device used twice is one instance" {
                let sleep = device "Sleep" t
                let main = device "Main" (functorOf 1)
                let other = device "Other" (functorOf 1)

                let graph =
                    job
                        [
                            Impl.Apply(Impl.Of main, Impl.Of sleep)
                            Impl.Apply(Impl.Of other, Impl.Of sleep)
                        ]

                let resolved = optimize graph
                Expect.equal (moduleNamesOf resolved) [ "Sleep"; "Main"; "Other" ] "one Sleep, first"
            }

            test "one functor applied to one argument twice is one instance" {
                let sleep = device "Sleep" t
                let main = device "Main" (functorOf 1)
                let apply () = Impl.Apply(Impl.Of main, Impl.Of sleep)
                let resolved = optimize (job [ apply (); apply () ])
                Expect.equal (moduleNamesOf resolved) [ "Sleep"; "Main" ] "one application"
                Expect.sequenceEqual resolved.Jobs [ 1; 1 ] "both jobs are it"
            }

            test "one functor applied to look-alike arguments is two instances" {
                let main = device "Main" (functorOf 1)

                let apply () =
                    Impl.Apply(Impl.Of main, Impl.Of(device "Sleep" t))

                let resolved = optimize (job [ apply (); apply () ])
                Expect.equal (moduleNamesOf resolved) [ "Sleep"; "Main"; "Sleep"; "Main" ] "two applications"
            }

            test "arguments keep their order" {
                let main = device "Main" (functorOf 2)
                let a = device "A" t
                let b = device "B" t

                let resolved =
                    optimize (job [ Impl.Apply(Impl.Apply(Impl.Of main, Impl.Of b), Impl.Of a) ])

                let mainInstance = resolved.Instances[resolved.Jobs[0]]

                let argumentNames =
                    mainInstance.Arguments
                    |> Seq.map (fun i -> resolved.Instances[i].Device.ModuleName)

                Expect.sequenceEqual argumentNames [ "B"; "A" ] "the order of application"
            }
        ]

let private structureTests =
    testList
        "structure"
        [
            test "a partially applied functor cannot be a job" {
                let main = Device("Main", functorOf 2, location = at 4)
                let graph = job [ Impl.Apply(Impl.Of main, Impl.Of(device "A" t)) ]
                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal d.Code "partial-application" "code"
                Expect.stringStarts d.Message "Main of type t -> t -> t is applied to 1 argument but needs 2" "message"
                Expect.equal d.Location (at 4) "where Main was declared"
            }

            test "a cycle names its devices in order" {
                let a = device "A" t
                let b = device "B" t
                let graph = graphOf [ deviceNode a [ 1 ]; deviceNode b [ 0 ] ] [ 0 ] []
                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal (d.Code, d.Message) ("cycle", "cycle: A -> B -> A") "the cycle"
            }

            test "a cycle of choices is reported" {
                let flag = boolKey "flag" false

                let graph =
                    graphOf [ IfNode(KeyValue.Of flag, 1, 1); IfNode(KeyValue.Of flag, 0, 0) ] [ 0 ] []

                let d = single (diagnosticsOf (fun () -> optimize graph))

                Expect.equal
                    (d.Code, d.Message)
                    ("cycle", "cycle: if_impl on --flag -> if_impl on --flag -> if_impl on --flag")
                    "the cycle"
            }

            test "an application chain that loops is reported once" {
                let a = device "A" t
                let graph = graphOf [ appNode 1 2; appNode 0 2; deviceNode a [] ] [ 0; 1 ] []
                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal d.Code "cycle" "code"
            }

            test "an edge outside the graph is reported" {
                let graph = graphOf [ appNode 0 7 ] [ 0 ] []
                let d = single (diagnosticsOf (fun () -> optimize graph))
                Expect.equal d.Code "bad-graph" "code"
            }

            test "init devices come first, then jobs, each after its dependencies" {
                let sleep = device "Sleep" t
                let clock = device "Clock" t
                let reporter = Device("Reporter", t, extraDeps = [| Impl.Of clock |])
                let main = device "Main" (functorOf 1)

                let graph =
                    register [ Impl.Apply(Impl.Of main, Impl.Of sleep) ] [ InitRole.Reporter, Impl.Of reporter ]

                let resolved = optimize graph
                Expect.equal (moduleNamesOf resolved) [ "Clock"; "Reporter"; "Sleep"; "Main" ] "connect order"
                Expect.sequenceEqual resolved.Init [ struct (InitRole.Reporter, 1) ] "init remapped"
                Expect.sequenceEqual resolved.Jobs [ 3 ] "jobs remapped"
            }

            test "what no root reaches is dropped, with its packages and runtime arguments" {
                let flag = boolKey "flag" false

                let arg =
                    RuntimeArg("hello", "doc", "string", "Arg.String(\"hello\", \"hi\", \"doc\")")

                let dropped =
                    Device("Dropped", t, packages = [| Package("Gone") |], runtimeArgs = [| arg |])

                let kept = Device("Kept", t, packages = [| Package("Kept") |])
                let graph = job [ IfImpl(KeyValue.Of flag, Impl.Of dropped, Impl.Of kept) ]
                let resolved = optimize graph
                Expect.equal (moduleNamesOf resolved) [ "Kept" ] "only Kept"
                Expect.equal (resolved.Packages |> Seq.map (fun p -> p.Name) |> List.ofSeq) [ "Kept" ] "its package"
                Expect.isEmpty resolved.RuntimeArgs "no runtime argument"
            }

            test "runtime arguments are merged by name; different declarations conflict" {
                let hello =
                    RuntimeArg("hello", "doc", "string", "Arg.String(\"hello\", \"hi\", \"doc\")")

                let again =
                    RuntimeArg("hello", "other doc", "string", "Arg.String(\"hello\", \"hi\", \"doc\")")

                let count = RuntimeArg("count", "doc", "int", "Arg.Int(\"count\", 1, \"doc\")")
                let a = Device("A", t, runtimeArgs = [| hello; count |])
                let b = Device("B", t, runtimeArgs = [| again |])
                let resolved = optimize (job [ Impl.Of a; Impl.Of b ])

                Expect.equal
                    (resolved.RuntimeArgs |> Seq.map (fun r -> r.Name) |> List.ofSeq)
                    [ "count"; "hello" ]
                    "by name"

                let conflicting =
                    RuntimeArg("hello", "doc", "int", "Arg.Int(\"hello\", 1, \"doc\")")

                let c = Device("C", t, runtimeArgs = [| conflicting |])
                let d = single (diagnosticsOf (fun () -> optimize (job [ Impl.Of a; Impl.Of c ])))
                Expect.equal d.Code "runtime-arg-conflict" "code"
                Expect.stringContains d.Message "A" "names A"
                Expect.stringContains d.Message "C" "names C"
            }
        ]

let private packageTests =
    testList
        "packages"
        [
            test "a package conflict names both devices and both bounds" {
                let a = withPackages [ Package("Foo", Min = "2.0") ] "Unikernel.A" 3
                let b = withPackages [ Package("Foo", Max = "2.0") ] "Bar.B" 7
                let d = single (diagnosticsOf (fun () -> optimize (job [ Impl.Of a; Impl.Of b ])))
                Expect.equal d.Code "package-conflict" "code"

                Expect.equal
                    d.Message
                    "package conflict on Foo: Unikernel.A (config.fsx(3)) requires Foo >= 2.0, Bar.B (config.fsx(7)) requires Foo < 2.0"
                    "message"
            }

            test "package ranges are intersected, build-only only if all say so, assemblies united" {
                let a =
                    withPackages
                        [
                            Package("Foo", "1.0", "3.0", true, [| "Foo.Core" |])
                            Package("Bar", BuildOnly = true)
                        ]
                        "A"
                        1

                let b =
                    withPackages [ Package("foo", "1.10", "4.0", false, [| "Foo.Extra"; "Foo.Core" |]) ] "B" 2

                let c = withPackages [ Package("Foo", BuildOnly = true) ] "C" 3
                let resolved = optimize (job [ Impl.Of a; Impl.Of b; Impl.Of c ])

                Expect.sequenceEqual
                    resolved.Packages
                    [
                        Package("Bar", BuildOnly = true)
                        Package("Foo", "1.10", "3.0", false, [| "Foo.Core"; "Foo.Extra" |])
                    ]
                    "merged, sorted by name"
            }

            test "a name needed as two kinds of reference is a conflict naming both devices" {
                let a =
                    withPackages [ Package.Framework "Microsoft.AspNetCore.App" ] "Unikernel.A" 3

                let b = withPackages [ Package("Microsoft.AspNetCore.App", Min = "2.0") ] "Bar.B" 7
                let d = single (diagnosticsOf (fun () -> optimize (job [ Impl.Of a; Impl.Of b ])))
                Expect.equal d.Code "package-conflict" "code"

                Expect.equal
                    d.Message
                    "package conflict on Microsoft.AspNetCore.App: Unikernel.A (config.fsx(3)) needs it as a shared framework, Bar.B (config.fsx(7)) as a NuGet package"
                    "message"
            }

            test "frameworks and runtime libraries merge by name and keep their kind" {
                let a =
                    withPackages
                        [
                            Package.Framework "Microsoft.AspNetCore.App"
                            Package.RuntimeLibrary "Mirage.Runtime.Http"
                        ]
                        "A"
                        1

                let b = withPackages [ Package.RuntimeLibrary "Mirage.Runtime.Http" ] "B" 2
                let resolved = optimize (job [ Impl.Of a; Impl.Of b ])

                Expect.sequenceEqual
                    resolved.Packages
                    [
                        Package.Framework "Microsoft.AspNetCore.App"
                        Package.RuntimeLibrary "Mirage.Runtime.Http"
                    ]
                    "one of each, kinds kept"

                Expect.equal
                    (string resolved.Packages[0])
                    "Microsoft.AspNetCore.App (framework)"
                    "printed with its kind"
            }

            test "versions compare as numbers, prereleases before their release" {
                let conflicts min max =
                    let a = withPackages [ Package("Foo", Min = min) ] "A" 1
                    let b = withPackages [ Package("Foo", Max = max) ] "B" 2

                    try
                        optimize (job [ Impl.Of a; Impl.Of b ]) |> ignore
                        false
                    with :? Mirage.Engine.Diagnostics.ConfigurationException ->
                        true

                Expect.isFalse (conflicts "1.9" "1.10") "1.9 < 1.10"
                Expect.isTrue (conflicts "2.0" "2.0.0") "2.0 = 2.0.0"
                Expect.isFalse (conflicts "2.0-beta" "2.0") "2.0-beta < 2.0"
                Expect.isFalse (conflicts "2.0-beta.2" "2.0-beta.10") "beta.2 < beta.10"
                Expect.isTrue (conflicts "2.0+build5" "2.0") "metadata is ignored"
            }
        ]

[<Tests>]
let tests =
    testList "Engine.Optimizer examples" [ keyTests; sharingTests; structureTests; packageTests ]
