/// Hostile images, made with the format's own encoder: loops in tail lists and directories, files
/// larger than the device, pointers past it, a superblock for another geometry. Each is a clear
/// error, never a hang, a crash or a read outside the device.
module Mirage.Tests.Runtime.Chamelon.ChamelonHostile

open System
open System.IO
open Expecto
open Mirage.Runtime.Chamelon.Format
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.Chamelon.Support

/// Writes a metadata block holding one commit of <paramref name="tags"/> at block <paramref name="at"/>.
let private writeMetadata (disk: MemoryBlock) (at: int) (revision: uint32) (tags: (Tag * byte array) list) =
    (metadataBlock revision tags).Value.CopyTo(disk.Image, at * sectorSize)

let private superblock (count: uint32) =
    let sb = Superblock.For(sectorSize, count).ToEntry()
    [ for struct (t, d) in sb.Tags 0 -> t, d ]

let private entry id nameType (name: string) structType (data: byte array) =
    let nameBytes = Text.Encoding.UTF8.GetBytes name

    [
        Tag(Tag.TypeCreate, id, 0), [||]
        Tag(nameType, id, nameBytes.Length), nameBytes
        Tag(structType, id, data.Length), data
    ]

let private pair (a: uint32) (b: uint32) = Pair(a, b).Encode()

let private storageError (result: KvResult<'a>) =
    let kind, _ = errorKind result
    Expect.equal kind KvErrorKind.Storage $"a storage error: {result}"
    string result

[<Tests>]
let tests =
    testList
        "Runtime.Chamelon hostile images"
        [
            test "a directory whose tail list loops back is a corrupt image, not a hang" {
                let disk = MemoryBlock 16
                writeMetadata disk 0 1u (superblock 16u @ entry 1 Tag.TypeDirectory "d" Tag.TypeDirStruct (pair 2u 3u))
                writeMetadata disk 2 1u [ Tag(Tag.TypeHardTail, Tag.NoId, 8), pair 2u 3u ]
                let kv = mount disk
                let message = kv.ListAsync(key "d") |> run |> storageError
                Expect.stringContains message "loops" "says why"
                Expect.equal disk.Outside 0 "nothing read outside the device"
            }

            test "a directory inside itself is scanned once, not forever" {
                let disk = MemoryBlock 16
                writeMetadata disk 0 1u (superblock 16u @ entry 1 Tag.TypeDirectory "d" Tag.TypeDirStruct (pair 2u 3u))
                writeMetadata disk 2 1u (entry 0 Tag.TypeDirectory "up" Tag.TypeDirStruct (pair 0u 1u))
                let kv = mount disk

                Expect.equal
                    (kv.ListAsync(key "d/up/d/up/d") |> run |> ok |> Seq.length)
                    1
                    "a lookup is bounded by the key"

                kv.SetAsync(key "big", pattern 5000) |> run |> noError

                Expect.equal
                    ((kv.GetAsync(key "big") |> run |> ok).ToArray())
                    ((pattern 5000).ToArray())
                    "the write that needs a scan works"
            }

            test "a file larger than the device and a file whose head is past it are corrupt, not read" {
                let disk = MemoryBlock 16

                writeMetadata
                    disk
                    0
                    1u
                    (superblock 16u
                     @ entry 1 Tag.TypeRegular "huge" Tag.TypeCtzStruct (Ctz.EncodeStruct(2u, 0x7000_0000u))
                     @ entry 2 Tag.TypeRegular "far" Tag.TypeCtzStruct (Ctz.EncodeStruct(1_000_000u, 3000u)))

                let kv = mount disk

                Expect.stringContains
                    (kv.GetAsync(key "huge") |> run |> storageError)
                    "more than the device holds"
                    "huge"

                Expect.stringContains (kv.GetAsync(key "far") |> run |> storageError) "past the end" "far"
                Expect.equal disk.Outside 0 "nothing read outside the device"
            }

            test "a superblock for more blocks than the device has does not mount" {
                let disk = MemoryBlock 16
                writeMetadata disk 0 1u (superblock 1000u)
                let e = raises<IOException>(fun () -> mount disk |> ignore)
                Expect.stringContains e.Message "1000 blocks" "says why"
            }

            test "a bad CRC in the newer block falls back to the older one" {
                let disk = MemoryBlock 16
                writeMetadata disk 0 1u (superblock 16u @ entry 1 Tag.TypeRegular "v" Tag.TypeInlineStruct "old"B)
                writeMetadata disk 1 2u (superblock 16u @ entry 1 Tag.TypeRegular "v" Tag.TypeInlineStruct "new"B)
                disk.Image[sectorSize + 40] <- disk.Image[sectorSize + 40] ^^^ 1uy

                Expect.equal
                    (mount disk |> fun kv -> kv.GetAsync(key "v") |> run |> ok |> text)
                    "old"
                    "the older, valid block"
            }
        ]
