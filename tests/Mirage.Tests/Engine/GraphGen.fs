/// Random device graphs for property tests, acyclic by construction: node i only refers to nodes
/// before it. A graph is generated as a spec (plain data, easy to shrink and print), then built into
/// a DeviceGraph with fresh devices. A naive recursive evaluator over the spec is the oracle.
module Mirage.Tests.Engine.GraphGen

open System.Collections.Generic
open System.Collections.Immutable
open FsCheck
open FsCheck.FSharp
open Mirage.Engine.Graph
open Mirage.Engine.Model
open Mirage.Engine.Targets
open Mirage.Tests.Engine.Fixtures

type Condition =
    | KeyIs of boolKey: int
    | KeyIsNot of boolKey: int
    | Both of boolKey: int * otherBoolKey: int

type NodeSpec =
    /// Device `slot` (of arity args.Length) applied to the values of `args`, after those of `extras`.
    | Use of slot: int * args: int list * extras: int list
    | If of Condition * thenNode: int * elseNode: int
    | Match of stringKey: int * cases: (string * int) list * otherwise: int

type GraphSpec =
    {
        Nodes: NodeSpec list
        Jobs: int list
        Init: (InitRole * int) list
        KeyValues: (string * string) list
    }

let boolKeys = [| boolKey "b0" false; boolKey "b1" true; boolKey "b2" false |]
let stringKeys = [| stringKey "s0" "a"; stringKey "s1" "b" |]
/// Named by a device only, never by a condition.
let deviceOnlyKey = boolKey "quiet" false
let words = [ "a"; "b"; "c" ]

/// Every key a generated graph may name: passed as built-in keys, so that a value given for a key
/// the graph happens not to use is not an unknown key.
let allKeys =
    KnownTargets.Key :: deviceOnlyKey :: List.ofArray boolKeys
    @ List.ofArray stringKeys

let slots = 6

// ---- generation

let private conditionGen =
    let key = Gen.choose (0, boolKeys.Length - 1)

    Gen.oneof
        [
            Gen.map KeyIs key
            Gen.map KeyIsNot key
            Gen.map2 (fun a b -> Both(a, b)) key key
        ]

let private useGen i =
    gen {
        let! subset = Gen.subListOf [ 0 .. i - 1 ]
        // Shuffled, so that arguments and extras are not always the lowest-numbered dependencies.
        let! deps = Gen.shuffle subset |> Gen.map List.ofArray
        let! argCount = Gen.choose (0, min 3 deps.Length)
        let! slot = Gen.choose (0, slots - 1)
        return Use(slot, List.take argCount deps, List.skip argCount deps |> List.truncate 2)
    }

let private earlier i = Gen.choose (0, i - 1)

let private ifGen i =
    Gen.map3 (fun c a b -> If(c, a, b)) conditionGen (earlier i) (earlier i)

let private matchGen i =
    gen {
        let! key = Gen.choose (0, stringKeys.Length - 1)
        let! caseCount = Gen.choose (0, 3)
        let! cases = Gen.listOfLength caseCount (Gen.zip (Gen.elements words) (earlier i))
        let! otherwise = earlier i
        return Match(key, cases, otherwise)
    }

let private nodeGen i =
    if i = 0 then
        useGen i
    else
        Gen.frequency [ 4, useGen i; 1, ifGen i; 1, matchGen i ]

/// Roots lean towards the later nodes, which depend on more: enough survives pruning to test the rest.
let private rootsGen n =
    let root = Gen.frequency [ 3, Gen.choose (n / 2, n - 1); 1, Gen.choose (0, n - 1) ]

    gen {
        let! jobCount = Gen.choose (0, 3)
        let! jobs = Gen.listOfLength jobCount root
        let! roles = Gen.subListOf [ InitRole.Reporter; InitRole.Sleep ]
        let! initNodes = Gen.listOfLength roles.Length root
        return jobs, List.zip roles initNodes
    }

let private keyValuesGen =
    let given (key: Key) values =
        Gen.optionOf (Gen.elements values)
        |> Gen.map (Option.map (fun v -> key.Name, v))

    [
        for key in boolKeys -> given key [ "true"; "false" ]
        for key in stringKeys -> given key words
        yield given deviceOnlyKey [ "true"; "false" ]
    ]
    |> Gen.sequenceToList
    |> Gen.map (List.choose id)

/// Up to 40 nodes, growing with the size; the nodes are generated one after the other, each seeing
/// how many came before it.
let graphSpecGen: Gen<GraphSpec> =
    Gen.sized (fun size ->
        let count = min 40 (size / 2)

        let rec nodesFrom i acc =
            if i = count then
                Gen.constant (List.rev acc)
            else
                nodeGen i |> Gen.bind (fun node -> nodesFrom (i + 1) (node :: acc))

        gen {
            let! nodes = nodesFrom 0 []
            let! jobs, init = if count = 0 then Gen.constant ([], []) else rootsGen count
            let! keyValues = keyValuesGen

            return
                {
                    Nodes = nodes
                    Jobs = jobs
                    Init = init
                    KeyValues = keyValues
                }
        })

// ---- shrinking: drop the last node, or one edge (an argument, an extra, a case, a root, a key value)

let private removeAt k list =
    list |> List.indexed |> List.filter (fun (j, _) -> j <> k) |> List.map snd

let private withoutEdge node =
    match node with
    | Use(slot, args, extras) ->
        [
            for k in 0 .. args.Length - 1 -> Use(slot, removeAt k args, extras)
            for k in 0 .. extras.Length - 1 -> Use(slot, args, removeAt k extras)
        ]
    | Match(key, cases, otherwise) -> [ for k in 0 .. cases.Length - 1 -> Match(key, removeAt k cases, otherwise) ]
    | If _ -> []

let shrinkGraphSpec (spec: GraphSpec) : GraphSpec seq =
    seq {
        let count = spec.Nodes.Length

        if count > 0 then
            let last = count - 1

            yield
                { spec with
                    Nodes = List.take last spec.Nodes
                    Jobs = spec.Jobs |> List.filter ((<>) last)
                    Init = spec.Init |> List.filter (snd >> (<>) last)
                }

        for i, node in List.indexed spec.Nodes do
            for smaller in withoutEdge node ->
                { spec with
                    Nodes = List.updateAt i smaller spec.Nodes
                }

        for k in 0 .. spec.Jobs.Length - 1 ->
            { spec with
                Jobs = removeAt k spec.Jobs
            }

        for k in 0 .. spec.Init.Length - 1 ->
            { spec with
                Init = removeAt k spec.Init
            }

        for k in 0 .. spec.KeyValues.Length - 1 ->
            { spec with
                KeyValues = removeAt k spec.KeyValues
            }
    }

let graphSpecs = Arb.fromGenShrink (graphSpecGen, shrinkGraphSpec)

// ---- building a DeviceGraph from a spec

type BuiltGraph =
    {
        Graph: DeviceGraph
        /// The device of each (slot, arity), fresh for each build.
        Devices: IReadOnlyDictionary<int * int, Device>
        /// The graph node standing for each spec node.
        ValueNode: int array
        /// For a Use, the DeviceNode at the head of its application chain; -1 for a choice.
        HeadNode: int array
    }

let private newDevice slot arity =
    let packages =
        let max: string | null = if slot % 2 = 0 then "3.0" else null
        [| Package($"P{slot % 3}", $"1.{slot}", max) |]

    let runtimeArgs =
        if slot % 2 = 0 then
            let name = $"arg{slot % 4}"

            [|
                RuntimeArg(name, "doc", "string", $"Arg.String(\"{name}\", \"\", \"doc\")")
            |]
        else
            [||]

    let keys = if slot = 1 then [| deviceOnlyKey |] else [||]
    Device($"Dev{slot}", functorOf arity, packages = packages, runtimeArgs = runtimeArgs, keys = keys)

let private conditionValue condition =
    match condition with
    | KeyIs k -> KeyValue.Of boolKeys[k]
    | KeyIsNot k -> (KeyValue.Of boolKeys[k]).Map(fun v -> boxed (not (unbox v)))
    | Both(a, b) ->
        KeyValue.Map2(KeyValue.Of boolKeys[a], KeyValue.Of boolKeys[b], fun x y -> boxed (unbox x && unbox y))

let build (spec: GraphSpec) : BuiltGraph =
    let count = spec.Nodes.Length
    let nodes = ResizeArray<Node>()
    let devices = Dictionary<int * int, Device>(HashIdentity.Structural)
    // Uses of one device with the same extras share their DeviceNode, as GraphBuilder would.
    let deviceNodes = Dictionary<int * int * int list, int>(HashIdentity.Structural)
    let valueNode = Array.create count -1
    let headNode = Array.create count -1

    let add node =
        nodes.Add node
        nodes.Count - 1

    for i, node in List.indexed spec.Nodes do
        match node with
        | Use(slot, args, extras) ->
            let arity = args.Length

            let device =
                match devices.TryGetValue((slot, arity)) with
                | true, d -> d
                | _ ->
                    let d = newDevice slot arity
                    devices[(slot, arity)] <- d
                    d

            let extraNodes = extras |> List.map (fun e -> valueNode[e])

            let head =
                match deviceNodes.TryGetValue((slot, arity, extraNodes)) with
                | true, h -> h
                | _ ->
                    let h = add (deviceNode device extraNodes)
                    deviceNodes[(slot, arity, extraNodes)] <- h
                    h

            headNode[i] <- head
            valueNode[i] <- args |> List.fold (fun functor arg -> add (appNode functor valueNode[arg])) head
        | If(condition, a, b) -> valueNode[i] <- add (IfNode(conditionValue condition, valueNode[a], valueNode[b]))
        | Match(key, cases, otherwise) ->
            let cases = cases |> List.map (fun (word, j) -> struct (boxed word, valueNode[j]))

            valueNode[i] <-
                add (MatchNode(KeyValue.Of stringKeys[key], ImmutableArray.CreateRange cases, valueNode[otherwise]))

    let graph =
        graphOf
            (List.ofSeq nodes)
            (spec.Jobs |> List.map (fun j -> valueNode[j]))
            (spec.Init |> List.map (fun (role, j) -> role, valueNode[j]))

    {
        Graph = graph
        Devices = devices
        ValueNode = valueNode
        HeadNode = headNode
    }

let optimizeSpec (spec: GraphSpec) (built: BuiltGraph) =
    optimizeWith spec.KeyValues allKeys built.Graph

// ---- the oracle: a naive recursive evaluator over the spec

/// Numbers instance terms structurally: one number per (device id, argument terms, extra terms).
type TermTable() =
    let numbers = Dictionary<int * int list * int list, int>(HashIdentity.Structural)
    let children = ResizeArray<int list>()

    member _.Number(deviceId: int, args: int list, extras: int list) =
        match numbers.TryGetValue((deviceId, args, extras)) with
        | true, n -> n
        | _ ->
            let n = children.Count
            numbers[(deviceId, args, extras)] <- n
            children.Add(args @ extras)
            n

    member _.Children(term: int) = children[term]

let private valueOf (spec: GraphSpec) (key: Key) =
    spec.KeyValues
    |> List.tryFind (fst >> (=) key.Name)
    |> Option.map snd
    |> Option.defaultValue (key.Print key.Default)

let private holds spec condition =
    let isTrue k = valueOf spec boolKeys[k] = "true"

    match condition with
    | KeyIs k -> isTrue k
    | KeyIsNot k -> not (isTrue k)
    | Both(a, b) -> isTrue a && isTrue b

/// The spec node a node stands for once choices are made (always a Use).
let rec chosen (spec: GraphSpec) i =
    match spec.Nodes[i] with
    | Use _ -> i
    | If(condition, a, b) -> chosen spec (if holds spec condition then a else b)
    | Match(key, cases, otherwise) ->
        let value = valueOf spec stringKeys[key]

        match cases |> List.tryFind (fst >> (=) value) with
        | Some(_, j) -> chosen spec j
        | None -> chosen spec otherwise

/// The term of every spec node, evaluated recursively (memoized: the graphs are DAGs).
let naiveTerms (spec: GraphSpec) (built: BuiltGraph) (table: TermTable) =
    let memo = Dictionary<int, int>()

    let rec term i =
        match memo.TryGetValue i with
        | true, n -> n
        | _ ->
            let n =
                match spec.Nodes[chosen spec i] with
                | Use(slot, args, extras) ->
                    table.Number(built.Devices[(slot, args.Length)].Id, List.map term args, List.map term extras)
                | If _
                | Match _ -> failwith "a choice was not made"

            memo[i] <- n
            n

    term

/// The term of every instance of an optimizer result (dependencies must come first).
let resolvedTerms (graph: ResolvedGraph) (table: TermTable) =
    let terms = Array.create graph.Instances.Length -1

    for instance in graph.Instances do
        let termOf (dep: int) = terms[dep]

        terms[instance.Id] <-
            table.Number(
                instance.Device.Id,
                instance.Arguments |> Seq.map termOf |> List.ofSeq,
                instance.ExtraDeps |> Seq.map termOf |> List.ofSeq
            )

    terms

/// Every term reachable from the given ones.
let reachableTerms (table: TermTable) (roots: int list) =
    let seen = HashSet<int>()
    let pending = Stack<int>(roots)

    while pending.Count > 0 do
        let term = pending.Pop()

        if seen.Add term then
            for child in table.Children term do
                pending.Push child

    Set.ofSeq seen

// ---- arbitrary graphs, cycles and dangling edges included, to check the optimizer always stops

let private anyNodeGen count (devices: Device array) =
    let index = Gen.choose (0, count - 1)
    let indices = Gen.choose (0, 2) |> Gen.bind (fun k -> Gen.listOfLength k index)

    Gen.frequency
        [
            3, Gen.map2 (fun d extras -> deviceNode devices[d] extras) (Gen.choose (0, devices.Length - 1)) indices
            3, Gen.map2 appNode index index
            1,
            Gen.map3
                (fun (b: bool) a c -> IfNode(KeyValue.Pure(boxed b), a, c) :> Node)
                (Gen.elements [ true; false ])
                index
                index
            1,
            Gen.map3
                (fun k a c ->
                    MatchNode(KeyValue.Of stringKeys[k], ImmutableArray.Create(struct (boxed "a", a)), c) :> Node)
                (Gen.choose (0, stringKeys.Length - 1))
                index
                index
        ]

/// Any graph of 1 to 30 nodes over devices of arity 0, 1 and 2, with edges anywhere; one in ten also
/// has an edge pointing outside the graph.
let anyGraphs =
    let graphGen =
        Gen.sized (fun size ->
            let count = max 1 (min 30 (size / 3))

            let devices =
                [| device "Zero" t; device "One" (functorOf 1); device "Two" (functorOf 2) |]

            gen {
                let! nodes = Gen.listOfLength count (anyNodeGen count devices)

                let! dangling =
                    Gen.frequency [ 9, Gen.constant []; 1, Gen.constant [ appNode 0 (count + 1) ] ]

                let! jobs = Gen.listOfLength 2 (Gen.choose (0, count - 1))
                return graphOf (nodes @ dangling) jobs []
            })

    Arb.fromGen graphGen
