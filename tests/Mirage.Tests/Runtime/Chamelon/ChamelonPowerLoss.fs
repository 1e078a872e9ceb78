/// Power loss as littlefs tests it: random operations on a device that loses power at a random
/// write (tearing that sector), then a remount: every acknowledged write is there, the interrupted
/// one is either wholly there or not at all, and the store still works.
module Mirage.Tests.Runtime.Chamelon.ChamelonPowerLoss

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Block
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Chamelon.Store
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.KeyValueProperties
open Mirage.Tests.Runtime.Chamelon.Support

/// The property suite's operations, with values large enough to need CTZ skip-lists mixed in.
let private withLargeValues =
    let large =
        gen {
            let! k = Gen.elements [ "a"; "b"; "a/b"; "b/a/a" ]
            let! n = Gen.choose (65, 4000)
            return Set(k, String('L', n))
        }

    gen {
        let! small = Arb.toGen ops
        let! big = Gen.listOf large
        let! mixed = Gen.shuffle (List.toArray (small @ big))
        return List.ofArray mixed
    }

let private cuts =
    Gen.zip3 withLargeValues (Gen.choose (1, 120)) (Gen.choose (0, sectorSize))
    |> Arb.fromGen

let private model (operations: Op list) =
    let mem = MemKv()

    for op in operations do
        apply mem op |> ignore

    dump mem Key.Empty

let private config cases =
    { FsCheckConfig.defaultConfig with
        maxTest = cases
    }

/// The property, on a store that moves a metadata pair every `cycles` compactions.
let private survivesCuts cycles cases name =
    testPropertyWithConfig (config cases) name
    <| Prop.forAll cuts (fun (operations, budget, torn) ->
        let disk = MemoryBlock 96
        format disk
        let device = PowerCutBlock(disk, budget, torn)
        let mount (block: IBlock) = mountWith cycles block
        let kv = mount device
        let mem = MemKv()
        let mutable acknowledged = []
        let mutable interrupted = None

        for op in operations do
            if interrupted.IsNone then
                let result = apply kv op

                if device.Cut then
                    interrupted <- Some op
                else
                    Expect.equal result (apply mem op) $"before the cut, the result of {op} is kv_rw_mem's"
                    acknowledged <- acknowledged @ [ op ]

        let after = mount disk
        let contents = dump after Key.Empty
        let before = model acknowledged

        match interrupted with
        | None -> Expect.equal contents before "every write was acknowledged"
        | Some(Rename _ as op) ->
            // Upstream's rename links the target, then unlinks the source: cut between, both hold the contents.
            let withIt = model (acknowledged @ [ op ])

            let between =
                Set.isSubset (set withIt) (set contents)
                && Set.isSubset (set contents) (set (before @ withIt))

            Expect.isTrue (contents = before || between) $"the state before or after {op}, or both names: {contents}"
        | Some op ->
            let withIt = model (acknowledged @ [ op ])

            Expect.isTrue
                (contents = before || contents = withIt)
                $"the state before {op} ({before}) or after it ({withIt}), not {contents}"

        after.SetAsync(key "after/the/cut", bytes "written") |> run |> noError

        Expect.equal (after.GetAsync(key "after/the/cut") |> run |> ok |> text) "written" "the store still works")

[<Tests>]
let properties =
    testList
        "Runtime.Chamelon power loss"
        [
            survivesCuts
                LittleFs.DefaultBlockCycles
                300
                "after a power cut at any write, acknowledged writes survive and the store is consistent"
            // Pairs move every third compaction: cuts land inside moves (fresh block written, referrers not yet).
            survivesCuts 2 150 "likewise while metadata pairs move for wear"
        ]
