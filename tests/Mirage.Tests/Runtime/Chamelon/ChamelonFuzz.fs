/// Fuzzed images: 6 000 in the suite (MIRAGE_CHAMELON_FUZZ=100000 for the full run) mutations of a small store, half as
/// random byte and pointer damage, half as random but correctly checksummed metadata (so the tags'
/// meaning is tested, not just the CRC). Mounting, reading everything and one write never crash,
/// hang or read outside the device: each either works or is a clear error.
module Mirage.Tests.Runtime.Chamelon.ChamelonFuzz

open System
open System.IO
open System.Diagnostics
open Expecto
open Mirage.Runtime.Chamelon
open Mirage.Runtime.Chamelon.Format
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.Chamelon.Support

let private sectors = 24

/// The store every mutation starts from: dictionaries, inline and CTZ values.
let private baseImage =
    lazy
        (let block, kv = fresh sectors
         kv.SetAsync(key "a/inline", bytes "small value") |> run |> noError
         kv.SetAsync(key "a/b/ctz", pattern 2500) |> run |> noError
         kv.SetAsync(key "c", pattern 700) |> run |> noError
         kv.SetAsync(key "d/e", bytes "") |> run |> noError
         block.Image)

let private randomTags (random: Random) =
    let pointer () =
        if random.Next 4 = 0 then
            uint32 (random.Next())
        else
            uint32 (random.Next(0, sectors + 2))

    let data (n: int) =
        Array.init n (fun _ -> byte (random.Next 256))

    let name () =
        [| "a"; "b"; "x"; ".."; ""; "a/b"; "littlefs" |][random.Next 7]
        |> Text.Encoding.UTF8.GetBytes

    [
        for _ in 0 .. random.Next(1, 8) do
            let id = random.Next(0, 4)

            match random.Next 9 with
            | 0 -> Tag(Tag.TypeCreate, id, 0), [||]
            | 1 -> Tag(Tag.TypeDelete, id, 0), [||]
            | 2 ->
                let n = name ()
                Tag([| Tag.TypeRegular; Tag.TypeDirectory; 0x0FF; 0x0AB |][random.Next 4], id, n.Length), n
            | 3 -> Tag(Tag.TypeDirStruct, id, 8), Pair(pointer (), pointer ()).Encode()
            | 4 -> Tag(Tag.TypeCtzStruct, id, 8), Ctz.EncodeStruct(pointer (), uint32 (random.Next(0, 40_000)))
            | 5 ->
                let n = random.Next(0, 80)
                Tag(Tag.TypeInlineStruct, id, n), data n
            | 6 -> Tag(Tag.TypeHardTail + random.Next(-1, 1), Tag.NoId, 8), Pair(pointer (), pointer ()).Encode()
            | 7 -> Tag(Tag.TypeUserAttr ||| 0x74, id, random.Next(0, 14)), data 13 |> Array.truncate 13
            | _ ->
                let n = random.Next(0, 16)
                Tag(random.Next 0x800, random.Next 0x400, n), data n
    ]
    |> List.map (fun (t, d) ->
        if t.IsDeleted then
            (t, [||])
        else
            (Tag(t.Type, t.Id, d.Length), d))

/// Damages a copy of the base image: bytes and pointers here and there, or one metadata block
/// rewritten as a random commit with a correct CRC.
let private mutate (random: Random) =
    let image = Array.copy baseImage.Value

    if random.Next 2 = 0 then
        for _ in 0 .. random.Next(0, 4) do
            let at = random.Next image.Length

            match random.Next 3 with
            | 0 -> image[at] <- image[at] ^^^ (1uy <<< random.Next 8)
            | 1 -> image[at] <- byte (random.Next 256)
            | _ ->
                let word = at &&& ~~~3 |> min (image.Length - 4)
                BitConverter.GetBytes(uint32 (random.Next(0, sectors + 4))).CopyTo(image, word)
    else
        let block = random.Next(0, 6)
        let tags = randomTags random

        let tags =
            if block < 2 && random.Next 3 > 0 then
                [
                    for struct (t, d) in Superblock.For(sectorSize, uint32 sectors).ToEntry().Tags 0 -> t, d
                ]
                @ tags
            else
                tags

        metadataBlock (uint32 (random.Next(0, 5))) tags
        |> Option.iter (fun block' -> block'.CopyTo(image, block * sectorSize))

    image

/// Everything a unikernel could do with the store, to a bounded depth and breadth.
let private exercise (kv: ChamelonKv) =
    let rec walk (k: Key) depth =
        match (kv.ListAsync k |> run).TryGetValue() with
        | true, entries, _ ->
            for entry in Seq.truncate 20 entries do
                if entry.Kind = KvEntryKind.Dictionary && depth < 4 then
                    walk entry.Key (depth + 1)
                else
                    kv.GetAsync entry.Key |> run |> ignore
                    kv.GetPartialAsync(entry.Key, 600L, 1000) |> run |> ignore
                    kv.SizeAsync entry.Key |> run |> ignore
                    kv.LastModifiedAsync entry.Key |> run |> ignore
        | _ -> ()

    walk Key.Empty 0
    kv.SetAsync(key "fuzz/new", pattern 700) |> run |> ignore
    kv.RemoveAsync(key "a") |> run |> ignore
    kv.RenameAsync(key "c", key "d") |> run |> ignore

/// How many mutated images the fuzz mounts: MIRAGE_CHAMELON_FUZZ (100000 for the full run), else 6 000
/// in the suite (the full count takes ~30 s of CI's budget).
let private iterations =
    match Int32.TryParse(Environment.GetEnvironmentVariable "MIRAGE_CHAMELON_FUZZ") with
    | true, n when n > 0 -> n
    | _ -> 6_000

[<Tests>]
let tests =
    testList
        "Runtime.Chamelon fuzz"
        [
            test "mutated images never crash, hang or read outside the device" {
                let random = Random 15
                let clock = Stopwatch.StartNew()
                let mutable mounted = 0

                for i in 1..iterations do
                    let image = mutate random
                    let disk = MemoryBlock(Array.copy image)

                    try
                        let kv =
                            try
                                Some(mount disk)
                            with :? IOException ->
                                None

                        kv
                        |> Option.iter (fun kv ->
                            mounted <- mounted + 1
                            exercise kv)
                    with e ->
                        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "chamelon-fuzz-failure.img"), image)
                        failtestf "image %d (saved as chamelon-fuzz-failure.img in the temp folder): %O" i e

                    Expect.equal disk.Outside 0 $"image {i}: nothing asked outside the device"

                Expect.isGreaterThan mounted (iterations / 4) "enough images mount to test more than the superblock"
                printfn $"chamelon fuzz: {iterations} images ({mounted} mounted) in {clock.Elapsed.TotalSeconds:F1} s"
            }
        ]
