/// Packs and indexes against real git: packs git wrote (offset and reference deltas) read back
/// object for object, indexes byte for byte, and our packs accepted by `git index-pack`.
module Mirage.Tests.Git.PackTests

open System
open System.IO
open System.Security.Cryptography
open Expecto
open Mirage.Runtime.Git
open Mirage.Runtime.Git.Objects
open Mirage.Runtime.Git.Packs
open Mirage.Tests.Support
open Mirage.Tests.Support.TestGit

let private packIn (bare: string) =
    Directory.GetFiles(Path.Combine(bare, "objects", "pack"), "*.pack")
    |> Array.exactlyOne

let private asMap (objects: PackedObject seq) =
    objects
    |> Seq.map (fun o -> string o.Object.Id, (o.Object.Kind.Name(), int64 o.Object.Data.Length))
    |> Map.ofSeq

/// A pack of raw entries (header bytes and zlib data given), with a correct trailer: hostile packs.
let rawPack (entries: byte[] list) =
    let header =
        Array.concat
            [
                "PACK"B
                [| 0uy; 0uy; 0uy; 2uy |]
                BitConverter.GetBytes(uint32 entries.Length) |> Array.rev
            ]

    let body = Array.concat (header :: entries)
    Array.append body (SHA1.HashData body)

let private zlib (data: byte[]) =
    use ms = new MemoryStream()

    do
        use z = new Compression.ZLibStream(ms, Compression.CompressionLevel.Optimal, true)
        z.Write(data, 0, data.Length)

    ms.ToArray()

/// An entry header: type and size, git's varint.
let entryHeader (kind: int) (size: int) =
    let bytes = ResizeArray()
    let mutable b = (kind <<< 4) ||| (size &&& 0xF)
    let mutable rest = size >>> 4

    while rest <> 0 do
        bytes.Add(byte (b ||| 0x80))
        b <- rest &&& 0x7F
        rest <- rest >>> 7

    bytes.Add(byte b)
    bytes.ToArray()

let private blobEntry (data: byte[]) =
    Array.append (entryHeader 3 data.Length) (zlib data)

let private refDelta (baseId: ObjectId) (delta: byte[]) =
    Array.concat [ entryHeader 7 delta.Length; baseId.Bytes.ToArray(); zlib delta ]

let private fails (what: string) (contains: string) (f: unit -> obj) =
    let message =
        try
            f () |> ignore
            None
        with :? GitFormatException as e ->
            Some e.Message

    match message with
    | Some message -> Expect.stringContains message contains what
    | None -> failtest $"{what}: no error"

[<Tests>]
let tests =
    testSequencedGroup "git"
    <| testList
        "Git.Packs"
        [
            test "blob names match git hash-object" {
                Expect.equal
                    (string (ObjectId.Of(ObjectKind.Blob, "hello\n"B)))
                    "ce013625030ba8dba906f756967f9e9ca394464a"
                    "git hash-object of 'hello\\n'"
            }

            test "git's packs (offset and reference deltas) read back object for object, and our index equals git's" {
                use dir = new Processes.TempDir()
                let bare = makeRepository (Path.Combine(dir.Path, "repo")) 6 12
                let expected = objects bare
                let pack = packIn bare
                let read = PackReader.Read(File.ReadAllBytes pack)
                Expect.equal (asMap read) expected "every object, with its type and size, as git stores it"

                let deltas =
                    git bare [ "verify-pack"; "-v"; pack ]
                    |> fun s ->
                        s.Split '\n'
                        |> Array.filter (fun l -> l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length = 7)

                Expect.isNonEmpty deltas "git made deltas, so they were rebuilt"

                let checksum = File.ReadAllBytes(pack) |> fun b -> b[b.Length - 20 ..]

                let ours =
                    PackIndex.Write(read |> Seq.map (fun o -> PackIndexEntry(o.Object.Id, o.Offset, o.Crc)), checksum)

                Expect.equal
                    ours
                    (File.ReadAllBytes(Path.ChangeExtension(pack, ".idx")))
                    "our .idx is git's, byte for byte"

                let struct (entries, packChecksum) =
                    PackIndex.Read(File.ReadAllBytes(Path.ChangeExtension(pack, ".idx")))

                Expect.equal entries.Count expected.Count "git's .idx read back"
                Expect.equal packChecksum checksum "the index names its pack"

                // Reference deltas: pack-objects without --delta-base-offset.
                let refPack = Path.Combine(dir.Path, "ref.pack")
                let list = git bare [ "rev-list"; "--objects"; "--all" ]

                let result =
                    let info =
                        Diagnostics.ProcessStartInfo(
                            "sh",
                            [
                                "-c"
                                $"git rev-list --objects --all | git pack-objects --stdout > '{refPack}'"
                            ],
                            WorkingDirectory = bare
                        )

                    use p = Diagnostics.Process.Start info
                    p.WaitForExit()
                    p.ExitCode

                Expect.equal result 0 "pack-objects"
                Expect.isNotEmpty list "objects listed"
                let refRead = PackReader.Read(File.ReadAllBytes refPack)
                Expect.equal (asMap refRead) expected "the reference-delta pack holds the same objects"
            }

            test "our packs pass git index-pack and verify-pack, and git's index of them equals ours" {
                use dir = new Processes.TempDir()
                let bare = makeRepository (Path.Combine(dir.Path, "repo")) 2 5
                let read = PackReader.Read(File.ReadAllBytes(packIn bare))
                // With the empty blob, whose zlib stream System.IO.Compression would leave empty.
                let empty = GitObject(ObjectKind.Blob, ReadOnlyMemory.Empty)

                let written =
                    PackWriter.Write(read |> Seq.map (fun o -> o.Object) |> Seq.append [ empty ] |> Seq.toArray)

                let file = Path.Combine(dir.Path, "ours.pack")
                File.WriteAllBytes(file, written.Bytes)
                git dir.Path [ "index-pack"; file ] |> ignore
                git dir.Path [ "verify-pack"; file ] |> ignore

                Expect.equal
                    (PackIndex.Write(written.Entries, written.Checksum))
                    (File.ReadAllBytes(Path.ChangeExtension(file, ".idx")))
                    "git index-pack wrote the index we write"

                Expect.equal
                    (asMap (PackReader.Read written.Bytes))
                    (asMap (Seq.append [ PackedObject(empty, 0L, 0u) ] read))
                    "read back"
            }

            test "hostile packs are clear errors" {
                let blob = GitObject(ObjectKind.Blob, "base contents\n"B)
                let good = rawPack [ blobEntry "base contents\n"B ]

                fails "a bad trailer" "trailing SHA-1" (fun () ->
                    PackReader.Read(Array.append good[.. good.Length - 2] [| 0uy |]: byte array)
                    |> box)

                fails "not a pack" "not a pack" (fun () -> PackReader.Read("JUNK"B) |> box)

                fails "a count bomb" "claims" (fun () ->
                    let p = Array.copy good
                    p[8] <- 0x7Fuy
                    let body = p[.. p.Length - 21]
                    PackReader.Read(Array.append body (SHA1.HashData body): byte array) |> box)

                fails "a size over the limit" "over the limit" (fun () ->
                    PackReader.Read(good, PackLimits(MaxObjectBytes = 4L)) |> box)

                fails "a size that lies" "more than the" (fun () ->
                    rawPack [ Array.append (entryHeader 3 3) (zlib "base contents\n"B) ]
                    |> fun p -> PackReader.Read(p) |> box)

                // base size 14, result 20, copy 20 bytes from 0: outside the base.
                fails "a copy outside the base" "falls outside" (fun () ->
                    rawPack
                        [
                            blobEntry "base contents\n"B
                            refDelta blob.Id [| 14uy; 20uy; 0x90uy; 20uy |]
                        ]
                    |> fun p -> PackReader.Read(p)
                    |> box)

                let a = ObjectId.Of(ObjectKind.Blob, "a"B)
                let b = ObjectId.Of(ObjectKind.Blob, "b"B)

                fails "reference deltas naming each other" "not in the pack" (fun () ->
                    rawPack [ refDelta a [| 1uy; 1uy; 1uy; 98uy |]; refDelta b [| 1uy; 1uy; 1uy; 97uy |] ]
                    |> fun p -> PackReader.Read(p)
                    |> box)

                // An offset delta pointing at itself (distance 0) or before the pack.
                fails "an offset delta onto itself" "no earlier object" (fun () ->
                    rawPack [ Array.concat [ entryHeader 6 4; [| 0uy |]; zlib [| 1uy; 1uy; 1uy; 97uy |] ] ]
                    |> fun p -> PackReader.Read(p)
                    |> box)

                fails "a deep chain" "deeper than" (fun () ->
                    let first = blobEntry "x"B
                    // An offset delta onto the entry just before it, `distance` bytes back.
                    let onto (distance: int) =
                        Array.concat [ entryHeader 6 4; [| byte distance |]; zlib [| 1uy; 1uy; 1uy; 120uy |] ]

                    let step = onto (onto 0).Length

                    rawPack (first :: onto first.Length :: List.replicate 4 step)
                    |> fun p -> PackReader.Read(p, PackLimits(MaxDeltaDepth = 3)) |> box)
            }

            test "mutated packs never fail other than with GitFormatException" {
                use dir = new Processes.TempDir()
                let bare = makeRepository (Path.Combine(dir.Path, "repo")) 3 3
                let pack = File.ReadAllBytes(packIn bare)
                let random = Random 17
                let limits = PackLimits(MaxObjectBytes = (1L <<< 20), MaxTotalBytes = (1L <<< 24))

                for _ in 1..300 do
                    let p = Array.copy pack
                    let body = p.Length - 20

                    for _ in 1 .. random.Next(1, 4) do
                        p[random.Next(12, body)] <- byte (random.Next 256)

                    // Keep the trailer right, so the mutation reaches the parser.
                    SHA1.HashData(ReadOnlySpan(p, 0, body)).CopyTo(p, body)

                    try
                        PackReader.Read(p, limits) |> ignore
                    with :? GitFormatException ->
                        ()
            }
        ]
