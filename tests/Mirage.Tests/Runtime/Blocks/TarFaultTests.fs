/// tar_kv_rw under power cuts (every acknowledged write there after a remount), and tar_kv_ro over
/// 100 000 mutated images (a clear error or a store, never a crash, a hang, or a read off the device).
module Mirage.Tests.Runtime.Blocks.TarFaultTests

open System
open System.Collections.Generic
open System.IO
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Block
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Tar
open Mirage.Tests.Runtime.KeyValueSupport

/// A disk in a byte array, refusing (and remembering) any read or write off its end, that loses
/// power after `budget` sectors written: the write that crosses the budget lands only its first
/// sectors (sectors are atomic, as disks promise), and it and every later write fail.
type private TestDisk(image: byte array, budget: int) =
    let mutable left = budget
    member val OffDevice = false with get, set
    member _.Image = image

    interface IBlock with
        member _.Info = BlockInfo(true, 512, int64 image.Length / 512L)

        member this.ReadAsync(sector, buffer, _) =
            if sector < 0L || sector * 512L + int64 buffer.Length > int64 image.Length then
                this.OffDevice <- true
                ValueTask<BlockError>(BlockError(BlockErrorKind.OutOfRange, "off the device"))
            else
                image.AsSpan(int sector * 512, buffer.Length).CopyTo buffer.Span
                ValueTask<BlockError>(Unchecked.defaultof<BlockError>)

        member this.WriteAsync(sector, buffer, _) =
            if sector < 0L || sector * 512L + int64 buffer.Length > int64 image.Length then
                this.OffDevice <- true
                ValueTask<BlockError>(BlockError(BlockErrorKind.OutOfRange, "off the device"))
            else
                let sectors = buffer.Length / 512
                let landed = min left sectors
                buffer.Span.Slice(0, landed * 512).CopyTo(image.AsSpan(int sector * 512))
                left <- left - landed

                if landed = sectors then
                    ValueTask<BlockError>(Unchecked.defaultof<BlockError>)
                else
                    left <- 0
                    ValueTask<BlockError>(BlockError(BlockErrorKind.Storage, "power cut"))

        member _.DisconnectAsync() = ValueTask.CompletedTask

type private Op =
    | Set of int * int
    | Allocate of int * int
    | RemoveLast

let private ops =
    Gen.oneof
        [
            Gen.map2 (fun k n -> Set(k, n)) (Gen.choose (0, 5)) (Gen.choose (0, 1500))
            Gen.map2 (fun k n -> Allocate(k, n)) (Gen.choose (0, 5)) (Gen.choose (0, 700))
            Gen.constant RemoveLast
        ]
    |> Gen.listOf

let private keyOf k = key $"dir{k % 2}/key{k}"

let private dataOf k n =
    Array.init n (fun i -> byte (k * 31 + i))

/// The store's contents: every value and its bytes.
let rec private contents (kv: IKvRo) (k: Key) : Map<string, byte array> =
    kv.ListAsync k
    |> run
    |> ok
    |> Seq.map (fun entry ->
        match entry.Kind with
        | KvEntryKind.Dictionary -> contents kv entry.Key
        | _ -> Map [ string entry.Key, (kv.GetAsync entry.Key |> run |> ok).ToArray() ])
    |> Seq.fold (fun acc m -> Map.fold (fun a k v -> Map.add k v a) acc m) Map.empty

/// Runs `operations` on a store over a disk that loses power after `budget` sectors; the contents
/// before the op that failed and the contents it would have made.
let private cut (operations: Op list) (budget: int) =
    let disk = TestDisk(Array.zeroCreate (96 * 512), budget)
    let kv = TarKvRw.ConnectAsync(disk, TimeProvider.System).GetAwaiter().GetResult()
    let mutable model = Map.empty<string, byte array>
    let order = List<string>()
    let mutable outcome = None

    for op in operations do
        if outcome.IsNone then
            let name, change =
                match op with
                | Set(k, n) -> string (keyOf k), Some(dataOf k n)
                | Allocate(k, n) -> string (keyOf k), Some(Array.zeroCreate n)
                | RemoveLast -> (if order.Count = 0 then "" else order[order.Count - 1]), None

            let error =
                match op with
                | Set(k, n) -> kv.SetAsync(keyOf k, ReadOnlyMemory(dataOf k n)) |> run
                | Allocate(k, n) -> kv.AllocateAsync(keyOf k, int64 n) |> run
                | RemoveLast when order.Count = 0 -> null
                | RemoveLast -> kv.RemoveAsync(key name) |> run

            let next =
                match change with
                | Some data when not (model.ContainsKey name) -> Map.add name data model
                | None when name <> "" -> Map.remove name model
                | _ -> model

            match error with
            | null ->
                if next <> model then
                    (if change.IsSome then
                         order.Add name
                     else
                         order.RemoveAt(order.Count - 1))

                model <- next
            | e when e.Kind = KvErrorKind.Storage -> outcome <- Some(model, next)
            | _ -> ()

    disk, defaultArg outcome (model, model)

[<Tests>]
let tests =
    testList
        "Runtime.Blocks.Tar faults"
        [
            testPropertyWithConfig
                { FsCheckConfig.defaultConfig with
                    maxTest = 300
                }
                "after a power cut at any write, a remount holds every acknowledged write, and the cut one whole or not at all"
            <| Prop.forAll (Arb.fromGen (Gen.zip ops (Gen.choose (0, 60)))) (fun (operations, budget) ->
                let disk, (before, after) = cut operations budget
                let kv = TarKvRo.ConnectAsync(TestDisk(disk.Image, 0)).GetAwaiter().GetResult()
                let found = contents kv Key.Empty

                Expect.isTrue
                    (found = before || found = after)
                    $"remounted {Map.keys found |> List.ofSeq}, expected {Map.keys before |> List.ofSeq} or {Map.keys after |> List.ofSeq}")

            test "100 000 mutated images: each a store or an InvalidDataException, never off the device" {
                let seeds =
                    [
                        TarSupport.gnuImage "gnu"
                        TarSupport.gnuImage "posix"
                        (let disk = TestDisk(Array.zeroCreate (24 * 512), Int32.MaxValue)
                         let kv = TarKvRw.ConnectAsync(disk, TimeProvider.System).GetAwaiter().GetResult()
                         setText kv "a/b" "hello"
                         setText kv "c" (String.replicate 200 "x")
                         disk.Image)
                    ]

                let random = Random 15
                let mutable stores = 0
                let mutable refused = 0

                for i in 1..100_000 do
                    let image = Array.copy seeds[i % seeds.Length]
                    TarSupport.mutate random image
                    let disk = TestDisk(image, 0)

                    try
                        let kv = TarKvRo.ConnectAsync(disk).GetAwaiter().GetResult()
                        contents kv Key.Empty |> ignore
                        stores <- stores + 1
                    with :? InvalidDataException ->
                        refused <- refused + 1

                    if disk.OffDevice then
                        failtestf "image %d was read off the device" i

                Expect.isGreaterThan stores 1000 $"many mutations still read ({stores} stores, {refused} refused)"
                Expect.isGreaterThan refused 1000 $"many are refused ({stores} stores, {refused} refused)"
            }
        ]
