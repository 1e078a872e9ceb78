/// Small builders for engine tests: module types, keys, devices, graphs, and running the optimizer.
module Mirage.Tests.Engine.Fixtures

open System
open System.Collections.Immutable
open Expecto
open Mirage.Engine.Diagnostics
open Mirage.Engine.Graph
open Mirage.Engine.Model
open Mirage.Engine.Optimization
open Mirage.Engine.Targets

/// The base type every generated value has.
let t: ModuleType = ModuleType.Base("t")

/// A curried functor type `t -> ... -> t` taking `arity` arguments (`t` itself when 0).
let functorOf arity : ModuleType =
    List.fold (fun result _ -> ModuleType.Functor(t, result) :> ModuleType) t [ 1..arity ]

let at line = SourceLocation("config.fsx", line)

/// `box` without its nullness: the model's values are never null.
let boxed (value: 'a) : obj = nonNull (box value)

/// What a key's parser returns: a value, or why the text is not one.
let parsed (value: obj) : struct (objnull * (string | null)) = struct (value, null)

let notParsed (error: string) : struct (objnull * (string | null)) = struct (null, error)

let boolKey name (defaultValue: bool) =
    Key(
        name,
        "a flag",
        "BOOL",
        boxed defaultValue,
        (fun text ->
            match text with
            | "true" -> parsed true
            | "false" -> parsed false
            | _ -> notParsed "expected true or false"),
        (fun value -> if unbox value then "true" else "false")
    )

let stringKey name (defaultValue: string) =
    Key(
        name,
        "a word",
        "STRING",
        boxed defaultValue,
        (fun text ->
            if String.IsNullOrEmpty text then
                notParsed "expected a non-empty word"
            else
                parsed text),
        (fun value -> string value)
    )

let device name (ty: ModuleType) = Device(name, ty)

let graphOf (nodes: Node list) (jobs: int list) (init: (InitRole * int) list) =
    DeviceGraph(
        "test",
        ImmutableArray.CreateRange nodes,
        ImmutableArray.CreateRange jobs,
        ImmutableArray.CreateRange(init |> List.map (fun (role, node) -> struct (role, node)))
    )

let deviceNode (d: Device) (extraDeps: int list) =
    DeviceNode(d, ImmutableArray.CreateRange extraDeps) :> Node

let appNode functor argument = AppNode(functor, argument) :> Node

let builtinKeys: Key list = [ KnownTargets.Key ]

let optimizeWith (keyValues: (string * string) list) (keys: Key list) (graph: DeviceGraph) =
    Optimizer.Optimize(graph, "unix", readOnlyDict keyValues, ResizeArray keys)

let optimize graph = optimizeWith [] builtinKeys graph

/// The diagnostics the optimizer raises; fails the test when it succeeds.
let diagnosticsOf (run: unit -> ResolvedGraph) =
    try
        run () |> ignore
        failtest "expected a ConfigurationException"
    with :? ConfigurationException as e ->
        List.ofSeq e.Diagnostics

let codesOf diagnostics =
    diagnostics |> List.map (fun (d: Diagnostic) -> d.Code)

/// An instance as plain data: device id, arguments, extra dependencies.
let shapeOf (instance: Instance) =
    instance.Device.Id, List.ofSeq instance.Arguments, List.ofSeq instance.ExtraDeps

let shapesOf (graph: ResolvedGraph) =
    graph.Instances |> Seq.map shapeOf |> List.ofSeq

let moduleNamesOf (graph: ResolvedGraph) =
    graph.Instances |> Seq.map (fun i -> i.Device.ModuleName) |> List.ofSeq
