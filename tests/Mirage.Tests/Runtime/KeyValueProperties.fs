/// kv_rw_mem and direct_kv_rw agree: the same random operations give the same results and leave
/// the same contents. The operations, how to apply them and the dump are shared with other stores' properties.
module Mirage.Tests.Runtime.KeyValueProperties

open System
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport

type Op =
    | Set of string * string
    | SetPartial of string * int64 * string
    | Remove of string
    | Rename of string * string
    | Allocate of string * int64

let private keys =
    gen {
        let! depth = Gen.choose (0, 3)
        let! segments = Gen.listOfLength depth (Gen.elements [ "a"; "b" ])
        return String.Join("/", segments)
    }

let private data = Gen.elements [ ""; "x"; "hello"; "0123456789" ]

let ops =
    Gen.oneof
        [
            Gen.map2 (fun k v -> Set(k, v)) keys data
            Gen.map3 (fun k o v -> SetPartial(k, int64 o, v)) keys (Gen.choose (0, 12)) data
            Gen.map Remove keys
            Gen.map2 (fun s d -> Rename(s, d)) keys keys
            Gen.map2 (fun k n -> Allocate(k, int64 n)) keys (Gen.choose (0, 4))
        ]
    |> Gen.listOf
    |> Arb.fromGen

let apply (kv: IKvRw) op =
    let date = DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)

    match op with
    | Set(k, v) -> kv.SetAsync(key k, bytes v)
    | SetPartial(k, o, v) -> kv.SetPartialAsync(key k, o, bytes v)
    | Remove k -> kv.RemoveAsync(key k)
    | Rename(s, d) -> kv.RenameAsync(key s, key d)
    | Allocate(k, n) -> kv.AllocateAsync(key k, n, Nullable date)
    |> run
    |> outcome

/// Every key with its kind, and each value's contents and size.
let rec dump (kv: IKvRw) (k: Key) : string list =
    [
        for entry in kv.ListAsync k |> run |> ok do
            match entry.Kind with
            | KvEntryKind.Dictionary ->
                yield $"{entry.Key}/"
                yield! dump kv entry.Key
            | _ ->
                let size = kv.SizeAsync entry.Key |> run |> ok
                yield $"{entry.Key} = {text (kv.GetAsync entry.Key |> run |> ok)} ({size})"
    ]

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 150
    }

[<Tests>]
let properties =
    testList
        "Runtime.KeyValue properties"
        [
            testPropertyWithConfig config "kv_rw_mem and direct_kv_rw agree on every result and on the contents"
            <| Prop.forAll ops (fun operations ->
                let root = tempDir ()

                try
                    let mem = MemKv()
                    let direct = DirectKvRw.Connect root

                    for op in operations do
                        Expect.equal (apply direct op) (apply mem op) $"the result of {op}"

                    Expect.equal (dump direct Key.Empty) (dump mem Key.Empty) "the contents"
                finally
                    Directory.Delete(root, recursive = true))
        ]
