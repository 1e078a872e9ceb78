/// Properties of the optimizer over random graphs (see GraphGen).
module Mirage.Tests.Engine.OptimizerProperties

open System.Collections.Immutable
open Expecto
open FsCheck.FSharp
open Mirage.Engine.Diagnostics
open Mirage.Engine.Graph
open Mirage.Engine.Optimization
open Mirage.Tests.Engine.Fixtures
open Mirage.Tests.Engine.GraphGen

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 200
        endSize = 80
    }

let private forAllGraphs body =
    Prop.forAll graphSpecs (fun spec -> body spec (build spec))

let private rootsOf (spec: GraphSpec) = spec.Jobs @ List.map snd spec.Init

/// Adds a device `Loop` whose extra dependency is a root, and makes the device at the head of that
/// root's chain depend on `Loop`: root -> Loop -> root. Without roots, `Loop` depends on itself.
let private withCycle (spec: GraphSpec) (built: BuiltGraph) =
    let loop = device "Loop" t
    let nodes = ResizeArray built.Graph.Nodes
    let loopNode = nodes.Count

    match rootsOf spec with
    | root :: _ ->
        let head = built.HeadNode[chosen spec root]
        let headDevice = nodes[head] :?> DeviceNode
        nodes[head] <- DeviceNode(headDevice.Device, headDevice.ExtraDeps.Add loopNode)
        nodes.Add(deviceNode loop [ built.ValueNode[root] ])
        DeviceGraph(built.Graph.Name, ImmutableArray.CreateRange nodes, built.Graph.Jobs, built.Graph.Init)
    | [] ->
        nodes.Add(deviceNode loop [ loopNode ])
        DeviceGraph(built.Graph.Name, ImmutableArray.CreateRange nodes, built.Graph.Jobs.Add loopNode, built.Graph.Init)

[<Tests>]
let properties =
    testList
        "Engine.Optimizer properties"
        [
            testPropertyWithConfig config "optimizing its own output changes nothing"
            <| forAllGraphs (fun spec built ->
                let first = optimizeSpec spec built
                let keys = first.Keys |> Seq.map (fun k -> k.Key) |> List.ofSeq
                let second = optimizeWith spec.KeyValues keys (first.ToDeviceGraph())
                Expect.equal (shapesOf second) (shapesOf first) "instances, in order"
                Expect.sequenceEqual second.Jobs first.Jobs "jobs"
                Expect.sequenceEqual second.Init first.Init "init devices"
                Expect.sequenceEqual second.Packages first.Packages "packages"
                Expect.sequenceEqual second.RuntimeArgs first.RuntimeArgs "runtime arguments")

            testPropertyWithConfig config "no two instances are identical after sharing"
            <| forAllGraphs (fun spec built ->
                let shapes = shapesOf (optimizeSpec spec built)
                Expect.equal (List.distinct shapes) shapes "distinct instances")

            testPropertyWithConfig config "every dependency comes before its dependents"
            <| forAllGraphs (fun spec built ->
                let resolved = optimizeSpec spec built

                for instance in resolved.Instances do
                    Expect.equal instance.Id (resolved.Instances.IndexOf instance) "an instance's id is its index"

                    for dependency in instance.Dependencies do
                        Expect.isLessThan dependency instance.Id $"{instance.Device} depends on a later instance")

            testPropertyWithConfig config "choices pick what a naive evaluator picks"
            <| forAllGraphs (fun spec built ->
                let resolved = optimizeSpec spec built
                let table = TermTable()
                let naive = naiveTerms spec built table
                let terms = resolvedTerms resolved table
                Expect.equal [ for j in resolved.Jobs -> terms[j] ] (List.map naive spec.Jobs) "jobs"

                Expect.equal
                    [ for struct (role, i) in resolved.Init -> role, terms[i] ]
                    [ for role, node in spec.Init -> role, naive node ]
                    "init devices")

            testPropertyWithConfig config "exactly the reachable instances survive"
            <| forAllGraphs (fun spec built ->
                let resolved = optimizeSpec spec built
                let table = TermTable()
                let naive = naiveTerms spec built table
                let reachable = reachableTerms table (List.map naive (rootsOf spec))
                let survivors = resolvedTerms resolved table
                Expect.equal (Set.ofArray survivors) reachable "the surviving instances"
                Expect.equal survivors.Length reachable.Count "one instance per reachable term")

            testPropertyWithConfig config "an injected cycle is always reported"
            <| forAllGraphs (fun spec built ->
                let diagnostics =
                    diagnosticsOf (fun () -> optimizeWith spec.KeyValues allKeys (withCycle spec built))

                let cycles = diagnostics |> List.filter (fun d -> d.Code = "cycle")
                Expect.isNonEmpty cycles "a cycle diagnostic"
                Expect.stringContains cycles.Head.Message "Loop" "the cycle goes through Loop")

            testPropertyWithConfig config "any graph, cyclic or dangling, ends in a result or diagnostics"
            <| Prop.forAll anyGraphs (fun graph ->
                try
                    optimize graph |> ignore
                with :? ConfigurationException as e ->
                    Expect.isNonEmpty e.Diagnostics "diagnostics")
        ]
