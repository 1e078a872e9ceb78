/// Random graphs (GraphGen's specs: acyclic by construction, shrinkable) built through the F# eDSL and
/// through the C# facade, as a user would write them: both must build the same IR and emit the same
/// code, and the optimizer must be idempotent and order instances after their dependencies.
module Mirage.Tests.Engine.TwoFrontEndsProperties

open System.Collections.Generic
open Expecto
open FsCheck.FSharp
open Mirage
open Mirage.Engine
open Mirage.Engine.Diagnostics
open Mirage.Engine.Graph
open Mirage.Engine.Optimization
open Mirage.Engine.Targets
open Mirage.Tests.Engine.GraphGen
open Mirage.Tests.Engine.SameIR

type CSharpJob = Mirage.CSharp.Job

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 100
        endSize = 60
    }

/// How each front end spells the parts of a graph; `'job` is its typed job device.
type private FrontEnd<'job> =
    {
        /// A device of slot and arity, with extra dependencies, applied to the arguments.
        Use: int -> int list -> 'job list -> 'job list -> 'job
        IfKey: Condition -> 'job -> 'job -> 'job
        MatchKey: int -> (string * 'job) list -> 'job -> 'job
        Register: 'job list -> Mirage.Engine.Model.Registration
    }

/// Walks a spec in node order (so both front ends make their devices in the same order); one
/// device per (slot, arity, extras), as one `impl` call used in many places.
let private buildWith (frontEnd: FrontEnd<'job>) (spec: GraphSpec) =
    let values = Dictionary<int, 'job>()

    for i, node in List.indexed spec.Nodes do
        values[i] <-
            match node with
            | Use(slot, args, extras) ->
                frontEnd.Use
                    slot
                    extras
                    (extras |> List.map (fun e -> values[e]))
                    (args |> List.map (fun a -> values[a]))
            | If(condition, a, b) -> frontEnd.IfKey condition values[a] values[b]
            | Match(key, cases, otherwise) ->
                frontEnd.MatchKey key (cases |> List.map (fun (w, j) -> w, values[j])) values[otherwise]

    frontEnd.Register(spec.Jobs |> List.map (fun j -> values[j]))

let private flagInfo = "a flag"
let private wordInfo = "a word"

/// The F# eDSL: every device is a job, or a functor over jobs of its arity.
let private fsharp () : FrontEnd<job impl> =
    let bools =
        boolKeys
        |> Array.map (fun k ->
            Key.create (k.Name, Key.Arg.opt (Key.Arg.bool, unbox<bool> k.Default, Key.Arg.info flagInfo)))

    let words =
        stringKeys
        |> Array.map (fun k ->
            Key.create (k.Name, Key.Arg.opt (Key.Arg.string, unbox<string> k.Default, Key.Arg.info wordInfo)))

    let quiet =
        Key.create (deviceOnlyKey.Name, Key.Arg.opt (Key.Arg.bool, false, Key.Arg.info flagInfo))

    let devices = Dictionary<int * int * int list, obj>(HashIdentity.Structural)

    let make slot (extras: job impl list) (typ: 'a typ) : 'a impl =
        let runtimeArgs =
            if slot % 2 = 0 then
                [
                    Dsl.runtime_arg ($"arg{slot % 4}", Runtime_arg.string "", doc = "doc") :> abstract_runtime_arg
                ]
            else
                []

        let max = if slot % 2 = 0 then Some "3.0" else None

        Dsl.impl (
            $"Dev{slot}",
            typ,
            packages = [ Dsl.package ($"P{slot % 3}", min = $"1.{slot}", ?max = max) ],
            keys = (if slot = 1 then [ Key.v quiet ] else []),
            runtime_args = runtimeArgs,
            extra_deps = (extras |> List.map Dsl.dep)
        )

    let cached slot arity extraIds (create: unit -> 'a impl) : 'a impl =
        match devices.TryGetValue((slot, arity, extraIds)) with
        | true, d -> d :?> 'a impl
        | _ ->
            let d = create ()
            devices[(slot, arity, extraIds)] <- box d
            d

    let j = Dsl.job

    {
        Use =
            fun slot extraIds extras args ->
                let arity = args.Length

                match args with
                | [] -> cached slot arity extraIds (fun () -> make slot extras j)
                | [ a ] -> cached slot arity extraIds (fun () -> make slot extras (j @-> j)) $ a
                | [ a; b ] -> cached slot arity extraIds (fun () -> make slot extras (j @-> j @-> j)) $ a $ b
                | [ a; b; c ] ->
                    cached slot arity extraIds (fun () -> make slot extras (j @-> j @-> j @-> j))
                    $ a
                    $ b
                    $ c
                | _ -> failwith "GraphGen applies at most three arguments"
        IfKey =
            fun condition a b ->
                let value =
                    match condition with
                    | KeyIs k -> Key.value bools[k]
                    | KeyIsNot k -> Key.not (Key.value bools[k])
                    | Both(k, l) -> Key.value bools[k] &&& Key.value bools[l]

                if_impl value a b
        MatchKey = fun key cases otherwise -> match_impl (Key.value words[key]) cases otherwise
        Register = fun jobs -> Mirage.Devices.Catalogue.Register("test", ResizeArray(jobs |> List.map _.Impl))
    }

/// The C# facade, called from F# as a C# config calls it.
let private csharp () : FrontEnd<Mirage.CSharp.Impl<CSharpJob>> =
    let arg = Mirage.CSharp.Key.Arg.Info

    let bools =
        boolKeys
        |> Array.map (fun k ->
            Mirage.CSharp.Key.Create(
                k.Name,
                Mirage.CSharp.Key.Arg.Opt(Mirage.CSharp.Key.Arg.Bool, unbox<bool> k.Default, arg flagInfo)
            ))

    let words =
        stringKeys
        |> Array.map (fun k ->
            Mirage.CSharp.Key.Create(
                k.Name,
                Mirage.CSharp.Key.Arg.Opt(Mirage.CSharp.Key.Arg.String, unbox<string> k.Default, arg wordInfo)
            ))

    let quiet =
        Mirage.CSharp.Key.Create(
            deviceOnlyKey.Name,
            Mirage.CSharp.Key.Arg.Opt(Mirage.CSharp.Key.Arg.Bool, false, arg flagInfo)
        )

    let devices = Dictionary<int * int * int list, obj>(HashIdentity.Structural)

    let make slot (extras: Mirage.CSharp.Impl<CSharpJob> list) (typ: 'a Mirage.typ) =
        let runtimeArgs: Mirage.CSharp.AbstractRuntimeArg list =
            if slot % 2 = 0 then
                [
                    Mirage.CSharp.Dsl.RuntimeArg($"arg{slot % 4}", Mirage.CSharp.ArgKind.String "", doc = "doc")
                ]
            else
                []

        let max = if slot % 2 = 0 then "3.0" else null

        Mirage.CSharp.Dsl.Impl(
            $"Dev{slot}",
            typ,
            packages = [| Mirage.CSharp.Dsl.Package($"P{slot % 3}", min = $"1.{slot}", max = max) |],
            keys =
                (if slot = 1 then
                     [| quiet :> Mirage.CSharp.AbstractKey |]
                 else
                     [||]),
            runtimeArgs = Array.ofList runtimeArgs,
            extraDeps = (extras |> List.map (fun e -> e :> Mirage.CSharp.AbstractImpl) |> Array.ofList)
        )

    let cached slot arity extraIds (create: unit -> Mirage.CSharp.Impl<'a>) : Mirage.CSharp.Impl<'a> =
        match devices.TryGetValue((slot, arity, extraIds)) with
        | true, d -> d :?> Mirage.CSharp.Impl<'a>
        | _ ->
            let d = create ()
            devices[(slot, arity, extraIds)] <- box d
            d

    let j = Mirage.CSharp.Typ.Job
    let apply f a = Mirage.CSharp.Functors.ApplyTo(f, a)

    {
        Use =
            fun slot extraIds extras args ->
                let arity = args.Length

                match args with
                | [] -> cached slot arity extraIds (fun () -> make slot extras j)
                | [ a ] -> apply (cached slot arity extraIds (fun () -> make slot extras (j.To j))) a
                | [ a; b ] -> apply (apply (cached slot arity extraIds (fun () -> make slot extras (j.To(j.To j)))) a) b
                | [ a; b; c ] ->
                    let f = cached slot arity extraIds (fun () -> make slot extras (j.To(j.To(j.To j))))
                    apply (apply (apply f a) b) c
                | _ -> failwith "GraphGen applies at most three arguments"
        IfKey =
            fun condition a b ->
                let value =
                    match condition with
                    | KeyIs k -> bools[k].Value
                    | KeyIsNot k -> bools[k].Value.Map(fun v -> not v)
                    | Both(k, l) -> bools[k].Value.Map2(bools[l].Value, fun x y -> x && y)

                Mirage.CSharp.Dsl.IfImpl(value, a, b)
        MatchKey =
            fun key cases otherwise ->
                Mirage.CSharp.Dsl.MatchImpl(words[key].Value, [| for w, i in cases -> struct (w, i) |], otherwise)
        Register = fun jobs -> Mirage.CSharp.Dsl.Register("test", Array.ofList jobs)
    }

/// The spec's key values that the registration reads (GraphGen gives values for keys a graph may not use).
let private keyValuesFor registration (spec: GraphSpec) =
    let names = Configurator.Keys registration |> Seq.map _.Name |> Set.ofSeq
    spec.KeyValues |> List.filter (fun (k, _) -> names.Contains k)

/// The emitted files, or the diagnostics if configure refuses the graph.
let private outcome registration target keys =
    try
        Ok(emitted registration target keys)
    with :? ConfigurationException as e ->
        Error(e.Diagnostics |> Seq.map (fun d -> d.Code, d.Message) |> List.ofSeq)

let private forAllSpecs body =
    Prop.forAll graphSpecs (fun spec -> body spec (buildWith (fsharp ()) spec) (buildWith (csharp ()) spec))

let private optimized registration spec =
    let keys = keyValuesFor registration spec
    Optimizer.Optimize(GraphBuilder.Build registration, "unix", readOnlyDict keys, [ KnownTargets.Key ])

[<Tests>]
let properties =
    testList
        "Engine.Two front ends"
        [
            testPropertyWithConfig config "the F# eDSL and the C# facade build the same IR"
            <| forAllSpecs (fun _ fs cs -> Expect.equal (irText cs) (irText fs) "same IR")

            testPropertyWithConfig config "they emit the same main.cs and project on both targets"
            <| forAllSpecs (fun spec fs cs ->
                let keys = keyValuesFor fs spec

                for target in [ "unix"; "aot" ] do
                    // GraphGen's graphs are valid: configure must succeed, so the comparison is of code.
                    Expect.isOk (outcome fs target keys) "configures"
                    Expect.equal (outcome cs target keys) (outcome fs target keys) $"same output on {target}")

            testPropertyWithConfig config "optimizing a DSL-built graph's output again changes nothing"
            <| forAllSpecs (fun spec fs _ ->
                let first = optimized fs spec
                let keys = first.Keys |> Seq.map (fun k -> k.Key) |> List.ofSeq

                let second =
                    Optimizer.Optimize(first.ToDeviceGraph(), "unix", readOnlyDict (keyValuesFor fs spec), keys)

                let shape (i: Instance) =
                    i.Device.Id, List.ofSeq i.Arguments, List.ofSeq i.ExtraDeps

                Expect.equal
                    (List.map shape (List.ofSeq second.Instances))
                    (List.map shape (List.ofSeq first.Instances))
                    "instances"

                Expect.sequenceEqual second.Jobs first.Jobs "jobs"
                Expect.sequenceEqual second.Packages first.Packages "packages"
                Expect.sequenceEqual second.RuntimeArgs first.RuntimeArgs "runtime arguments")

            testPropertyWithConfig config "instances of a facade-built graph come after their dependencies"
            <| forAllSpecs (fun spec _ cs ->
                let resolved = optimized cs spec

                for instance in resolved.Instances do
                    for dependency in instance.Dependencies do
                        Expect.isLessThan dependency instance.Id $"{instance.Device} depends on a later instance")
        ]
