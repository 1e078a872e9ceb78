/// GraphBuilder: Impl terms into a flat graph, sharing by identity.
module Mirage.Tests.Engine.GraphBuilderTests

open Expecto
open Mirage.Engine.Graph
open Mirage.Engine.Model
open Mirage.Tests.Engine.Fixtures

let private register (jobs: Impl list) =
    GraphBuilder.Build(Registration("test", ResizeArray jobs, ResizeArray()))

let private deviceNodesOf (graph: DeviceGraph) =
    graph.Nodes
    |> Seq.choose (function
        | :? DeviceNode as d -> Some d
        | _ -> None)
    |> List.ofSeq

[<Tests>]
let tests =
    testList
        "Engine.GraphBuilder"
        [
            test "one Impl object used twice is one node" {
                let main =
                    Impl.Apply(Impl.Of(device "Main" (functorOf 1)), Impl.Of(device "Sleep" t))

                let graph = register [ main; main ]
                Expect.equal graph.Nodes.Length 3 "Main, Sleep and one application"
                Expect.equal graph.Jobs[0] graph.Jobs[1] "both jobs are the same node"
            }

            test "two DeviceImpls of one device are one node" {
                let sleep = device "Sleep" t
                let graph = register [ Impl.Of sleep; Impl.Of sleep ]
                Expect.equal graph.Nodes.Length 1 "one node"
                Expect.equal graph.Jobs[0] graph.Jobs[1] "both jobs are the same node"
            }

            test "two constructions of a look-alike device are two nodes" {
                let graph = register [ Impl.Of(device "Sleep" t); Impl.Of(device "Sleep" t) ]
                Expect.equal graph.Nodes.Length 2 "two nodes"
            }

            test "applications built separately stay separate nodes, on one functor node" {
                let main = device "Main" (functorOf 1)
                let sleep = device "Sleep" t
                let apply () = Impl.Apply(Impl.Of main, Impl.Of sleep)
                let graph = register [ apply (); apply () ]
                Expect.equal graph.Nodes.Length 4 "Main, Sleep and two applications"
                Expect.notEqual graph.Jobs[0] graph.Jobs[1] "two application nodes"
            }

            test "a device's extra dependencies become its node's edges" {
                let clock = device "Clock" t
                let logger = Device("Logger", t, extraDeps = [| Impl.Of clock |])
                let graph = register [ Impl.Of logger ]
                let loggerNode = graph.Nodes[graph.Jobs[0]] :?> DeviceNode
                Expect.equal loggerNode.Device logger "the job is the logger"
                Expect.hasLength loggerNode.ExtraDeps 1 "one extra dependency"
                let clockNode = graph.Nodes[loggerNode.ExtraDeps[0]] :?> DeviceNode
                Expect.equal clockNode.Device clock "the clock"
            }

            test "choices keep every branch" {
                let debug = boolKey "debug" false
                let a = device "A" t
                let b = device "B" t
                let graph = register [ IfImpl(KeyValue.Of debug, Impl.Of a, Impl.Of b) ]

                let devices =
                    deviceNodesOf graph |> List.map (fun d -> d.Device.ModuleName) |> List.sort

                Expect.equal devices [ "A"; "B" ] "both branches"
                Expect.isTrue (graph.Nodes[graph.Jobs[0]] :? IfNode) "the job is the choice"
            }

            test "init devices and jobs are roots" {
                let reporter = device "Reporter" t
                let main = device "Main" ModuleType.Job

                let graph =
                    GraphBuilder.Build(
                        Registration("test", [| Impl.Of main |], [| struct (InitRole.Reporter, Impl.Of reporter) |])
                    )

                let struct (role, node) = graph.Init[0]
                Expect.equal role InitRole.Reporter "the role"
                Expect.equal (graph.Nodes[node] :?> DeviceNode).Device reporter "the reporter"
                Expect.equal (graph.Nodes[graph.Jobs[0]] :?> DeviceNode).Device main "the job"
            }

            test "a chain 100,000 deep builds and optimizes without recursion" {
                let wrap = device "Wrap" (functorOf 1)
                let mutable impl = Impl.Of(device "Base" t)

                for _ in 1..100_000 do
                    impl <- Impl.Apply(Impl.Of wrap, impl)

                let graph = register [ impl ]
                Expect.equal graph.Nodes.Length 100_002 "Wrap, Base and 100,000 applications"
                let resolved = optimize graph
                Expect.equal resolved.Instances.Length 100_001 "Base and 100,000 wraps"
                Expect.equal resolved.Instances[0].Device.ModuleName "Base" "the innermost first"
            }
        ]
