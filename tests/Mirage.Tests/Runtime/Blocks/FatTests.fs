/// fat_ro: FAT12/16/32 images made by mkfs.fat and mcopy (long, unicode and lower-case names, nested
/// directories, fragmented files) read back exactly; hostile images refused saying how; and mutated
/// images, each a store or an InvalidDataException, never a crash, a hang or a read off the device.
module Mirage.Tests.Runtime.Blocks.FatTests

open System
open System.Buffers.Binary
open System.IO
open System.Security.Cryptography
open Expecto
open Mirage.Runtime.Block
open Mirage.Runtime.Fat
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Support

/// A ramdisk holding `image`. It refuses a read off its end with an error, which the store raises
/// as an IOException: a test expecting a store or an InvalidDataException then fails.
let private ramdiskOf (image: byte array) =
    let disk = Ramdisk.Create(int64 image.Length / 512L)
    disk.WriteAsync(0L, ReadOnlyMemory image) |> run |> ignore
    disk

/// Copies the sectors of `image` holding the bytes at `offsets` to `disk`.
let private resync (disk: Ramdisk) (image: byte array) (offsets: int seq) =
    for sector in offsets |> Seq.map (fun at -> at / 512) |> Seq.distinct do
        disk.WriteAsync(int64 sector, ReadOnlyMemory(image, sector * 512, 512))
        |> run
        |> ignore

/// Runs a dosfstools/mtools command, which must succeed (UTF-8 locale: mtools then writes unicode long names).
let private tool (dir: string) (file: string) (args: string list) =
    let result =
        Processes.runWith [ "LC_ALL", "C.UTF-8" ] (TimeSpan.FromMinutes 1.0) dir file args

    Expect.equal result.ExitCode 0 $"{file} {String.Join(' ', args)}: {result}"

/// The files of a tree: nested directories, long, unicode and lower-case names, sizes around
/// sector and cluster edges.
let private tree =
    [
        "a.txt", 3
        "UPPER.TXT", 0
        "Mixed Case Name.html", 512
        "sub/Ünïcødé naïve file.txt", 513
        "sub/日本語のファイル名.md", 4096
        "sub/deeper/A-Very-Long-File-Name-That-Goes-On-And-On-Past-Thirteen-Chars.data", 70_001
        "sub/deeper/big.bin", 300_000
        "empty-dir/.keep", 1
        "x.y.z", 2048
    ]

/// A file's bytes, different for each name and size.
let private contentOf (name: string) (size: int) =
    let bytes = Array.zeroCreate<byte> size
    Random(name.GetHashCode() ^^^ size).NextBytes bytes
    bytes

/// A FAT image of `kilobytes` made by mkfs.fat with `format` (its options), filled with `files` by
/// mcopy, then changed by `after` (given the directory and the image's path).
let private imageThen (format: string list) (kilobytes: int) (files: (string * int) list) after =
    let dir = Path.Combine(Path.GetTempPath(), $"mirage-fat-{Guid.NewGuid():N}")
    let source = Path.Combine(dir, "tree")
    Directory.CreateDirectory source |> ignore

    try
        for name, size in files do
            let path = Path.Combine(source, name)
            Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore
            File.WriteAllBytes(path, contentOf name size)

        let image = Path.Combine(dir, "fat.img")
        tool dir "mkfs.fat" ([ "-C" ] @ format @ [ image; string kilobytes ])
        let top = Directory.GetFileSystemEntries source |> Array.sort |> List.ofArray
        tool dir "mcopy" ([ "-i"; image; "-s" ] @ top @ [ "::/" ])
        after dir image
        File.ReadAllBytes image
    finally
        Directory.Delete(dir, true)

let private imageWith (fatBits: int) kilobytes files =
    imageThen [ "-F"; string fatBits ] kilobytes files (fun _ _ -> ())

let private connect (image: byte array) =
    FatKvRo.ConnectAsync(ramdiskOf image).GetAwaiter().GetResult()

let private refused (image: byte array) =
    try
        connect image |> ignore
        failtest "expected the image to be refused"
    with :? InvalidDataException as e ->
        e.Message

/// Every value under `key`, recursively, with its bytes.
let rec private contents (kv: IKvRo) (key: Key) : Map<string, byte array> =
    kv.ListAsync key
    |> run
    |> ok
    |> Seq.map (fun entry ->
        match entry.Kind with
        | KvEntryKind.Value ->
            Map
                [
                    (string entry.Key).TrimStart '/', (kv.GetAsync entry.Key |> run |> ok).ToArray()
                ]
        | _ -> contents kv entry.Key)
    |> Seq.fold (fun all m -> Map.fold (fun acc k v -> Map.add k v acc) all m) Map.empty

let private expected files =
    files |> List.map (fun (name, size) -> name, contentOf name size) |> Map.ofList

/// The byte offset of `name`'s 32-byte 8.3 entry in `image` (the first match).
let private entryOf (image: byte array) (shortName: string) =
    let needle = Text.Encoding.ASCII.GetBytes shortName
    let at = image.AsSpan().IndexOf(ReadOnlySpan needle)
    Expect.isGreaterThanOrEqual at 0 $"the entry {shortName} is in the image"
    at

/// FAT12 layout numbers of an image mkfs.fat made (512-byte sectors).
let private fat12 (image: byte array) =
    let layout = FatLayout.Parse(ReadOnlySpan image, int64 image.Length, 512)
    Expect.equal layout.Kind FatKind.Fat12 "a FAT12 image"
    layout

let private setFat12 (image: byte array) (layout: FatLayout) (cluster: int) (value: int) =
    let at = int layout.FatOffset + cluster + cluster / 2
    let old = int (BinaryPrimitives.ReadUInt16LittleEndian(ReadOnlySpan(image, at, 2)))

    let updated =
        if cluster % 2 = 0 then
            (old &&& 0xF000) ||| value
        else
            (old &&& 0x000F) ||| (value <<< 4)

    BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan at, uint16 updated)

let private firstCluster (image: byte array) (entry: int) =
    int (BinaryPrimitives.ReadUInt16LittleEndian(ReadOnlySpan(image, entry + 26, 2)))

/// How many mutated images the fuzz reads: MIRAGE_FAT_FUZZ (100000 for the full run, figures in
/// bench/RESULTS.md), else 6 000 in the suite.
let private fuzzCount () =
    match Int32.TryParse(Environment.GetEnvironmentVariable "MIRAGE_FAT_FUZZ") with
    | true, n when n > 0 -> n
    | _ -> 6_000

/// Changes one to four bytes of `image`, mostly in the boot sector's fields, the first table and the
/// directory entries (names, attributes, first clusters, sizes); returns what to put back.
let private mutate (random: Random) (layout: FatLayout) (image: byte array) =
    [
        for _ in 1 .. random.Next(1, 5) do
            let at =
                match random.Next 4 with
                | 0 -> 11 + random.Next(if layout.Kind = FatKind.Fat32 then 79 else 51) // the BIOS parameter block and its extension
                | 1 -> int layout.FatOffset + random.Next 64 // the start of the first table
                | 2 -> int layout.RootOffset + random.Next 256 // root directory entries
                | _ -> random.Next image.Length

            let old = image[at]

            image[at] <-
                match random.Next 4 with
                | 0 -> byte (random.Next 256)
                | 1 -> 0uy
                | 2 -> 0xFFuy
                | _ -> old ^^^ (1uy <<< random.Next 8)

            at, old
    ]

[<Tests>]
let tests =
    testList
        "Runtime.Blocks.Fat"
        [
            for bits, kilobytes in [ 12, 2048; 16, 16384; 32, 40000 ] do
                test $"a FAT{bits} image by mkfs.fat and mcopy reads back exactly" {
                    let image = imageWith bits kilobytes tree
                    let kv = connect image
                    Expect.equal (int kv.Kind) bits "the variant"
                    let found = contents kv Key.Empty
                    Expect.equal (Map.keys found |> List.ofSeq) (Map.keys (expected tree) |> List.ofSeq) "the keys"

                    for KeyValue(name, bytes) in expected tree do
                        Expect.isTrue (found[name] = bytes) $"the bytes of {name}"
                        let k = key name
                        Expect.equal (kv.SizeAsync k |> run |> ok) (int64 bytes.Length) $"the size of {name}"
                        Expect.equal (kv.DigestAsync k |> run |> ok) (SHA256.HashData bytes) $"the digest of {name}"

                        let part = (kv.GetPartialAsync(k, 100L, 5000) |> run |> ok).ToArray()
                        let want = bytes |> Array.skip (min 100 bytes.Length) |> Array.truncate 5000
                        Expect.isTrue (part = want) $"bytes 100 to 5100 of {name}"

                    Expect.equal
                        (kv.ExistsAsync(key "sub/deeper") |> run |> ok)
                        (Nullable KvEntryKind.Dictionary)
                        "a directory"

                    Expect.equal
                        (errorKind (kv.GetAsync(key "sub") |> run))
                        (KvErrorKind.ValueExpected, "/sub")
                        "a directory is no value"

                    Expect.equal
                        (errorKind (kv.ListAsync(key "a.txt") |> run))
                        (KvErrorKind.DictionaryExpected, "/a.txt")
                        "a value is no directory"

                    Expect.equal
                        (errorKind (kv.GetAsync(key "A.TXT") |> run))
                        (KvErrorKind.NotFound, "/A.TXT")
                        "keys are the names as written"

                    let modified = kv.LastModifiedAsync(key "a.txt") |> run |> ok

                    Expect.isLessThan
                        (abs (modified - DateTimeOffset.Now).TotalDays)
                        2.0
                        "written today (FAT keeps local time)"
                }

            test "a fragmented file (its clusters in pieces) reads back exactly" {
                let small = [ for i in 1..12 -> $"f{i}.bin", 1500 ]
                let big = "big.bin", 9000

                let image =
                    imageThen [ "-F"; "12" ] 1024 small (fun dir image ->
                        for i in 2..2..12 do
                            tool dir "mdel" [ "-i"; image; $"::/f{i}.bin" ]

                        let path = Path.Combine(dir, fst big)
                        File.WriteAllBytes(path, contentOf (fst big) (snd big))
                        tool dir "mcopy" [ "-i"; image; path; "::/" ])

                let layout = fat12 image
                let table = FatTable(layout, image[int layout.FatOffset ..])

                let chain =
                    table.Chain(
                        uint (firstCluster image (entryOf image "BIG     BIN")),
                        (9000L + int64 layout.ClusterBytes - 1L) / int64 layout.ClusterBytes,
                        "big.bin"
                    )

                Expect.exists (Seq.pairwise chain) (fun (a, b) -> b <> a + 1u) "big.bin is in pieces"
                let files = big :: [ for i in 1..2..12 -> $"f{i}.bin", 1500 ]
                Expect.equal (contents (connect image) Key.Empty) (expected files) "every file"
            }

            test "a chain that loops is refused" {
                let image = imageWith 12 1024 [ "big.bin", 9000 ]
                let layout = fat12 image
                let first = firstCluster image (entryOf image "BIG     BIN")
                setFat12 image layout (first + 1) first
                Expect.stringContains (refused image) "loop" "says it loops"
            }

            test "a chain that leaves the file system is refused" {
                let image = imageWith 12 1024 [ "big.bin", 9000 ]
                let layout = fat12 image
                let first = firstCluster image (entryOf image "BIG     BIN")
                setFat12 image layout first 0xFF0
                Expect.stringContains (refused image) "outside clusters" "says where it went"
            }

            test "a size past the chain is refused" {
                let image = imageWith 12 1024 [ "small.bin", 100 ]
                let entry = entryOf image "SMALL   BIN"
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(entry + 28), 20_000u)
                Expect.stringContains (refused image) "ends after 1 clusters" "says the chain is short"
            }

            test "a directory that contains itself is refused, not walked forever" {
                let image = imageWith 12 1024 [ "d/inner/x.txt", 10 ]
                let outer = entryOf image "D          "
                let inner = entryOf image "INNER      "
                BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(inner + 26), uint16 (firstCluster image outer))
                Expect.stringContains (refused image) "loop or a cross-link" "says it loops"
            }

            test "a long name of '..' is refused" {
                let image = imageWith 12 1024 [ "a-long-name.txt", 10 ]
                let entry = entryOf image "A-LONG~1TXT"
                let lfn = entry - 32
                Expect.equal image[lfn + 11] 0x0Fuy "a long-name entry before it"
                // "..", NUL, padding: the checksum still matches, so the name counts.
                for i, c in List.indexed [ 0x2E; 0x2E; 0; 0xFFFF; 0xFFFF ] do
                    BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(lfn + 1 + 2 * i), uint16 c)

                Expect.stringContains (refused image) "'..'" "names the entry"
            }

            test "a long name whose checksum does not match is ignored for the 8.3 name" {
                let image = imageWith 12 1024 [ "a-long-name.txt", 10 ]
                let entry = entryOf image "A-LONG~1TXT"
                image[entry - 32 + 13] <- image[entry - 32 + 13] + 1uy
                let kv = connect image
                Expect.equal (contents kv Key.Empty |> Map.keys |> List.ofSeq) [ "A-LONG~1.TXT" ] "the 8.3 name"
            }

            test "a file system larger than its device is refused" {
                let image = imageWith 12 1024 [ "a", 1 ]
                Expect.stringContains (refused image[.. 512 * 1000 - 1]) "past the end of the device" "says why"
            }

            test "a device without a FAT is refused" {
                Expect.stringContains (refused (Array.zeroCreate 4096)) "55 AA" "no signature"
                Expect.stringContains (refused (Array.zeroCreate 0)) "less than a boot sector" "an empty device"
            }

            test
                "mutated images: each a store or an InvalidDataException (a read off the device would be an IOException)" {
                let seeds =
                    [
                        imageWith 12 64 [ "a-long-name.txt", 700; "d/e/f.bin", 3000; "UPPER", 1 ]
                        // 1 sector a cluster: mkfs.fat makes no FAT16 this small otherwise.
                        imageThen [ "-F"; "16"; "-s"; "1" ] 2200 [ "Ünïcødé.txt", 600; "d/x", 5000 ] (fun _ _ -> ())
                        // The smallest FAT32 mtools fills (65 525 clusters of one sector); the root is a cluster chain.
                        imageThen
                            [ "-F"; "32"; "-s"; "1" ]
                            34000
                            [ "a-long-name.txt", 700; "d/e/f.bin", 3000 ]
                            (fun _ _ -> ())
                    ]

                let layouts =
                    seeds
                    |> List.map (fun image -> FatLayout.Parse(ReadOnlySpan image, int64 image.Length, 512))

                Expect.equal
                    (layouts |> List.map (fun layout -> layout.Kind))
                    [ FatKind.Fat12; FatKind.Fat16; FatKind.Fat32 ]
                    "a seed of each FAT"

                let random = Random 15
                let disks = seeds |> List.map ramdiskOf
                let mutable stores = 0
                let mutable refused = 0

                for i in 1 .. fuzzCount () do
                    let image, disk = seeds[i % seeds.Length], disks[i % seeds.Length]
                    let undo = mutate random layouts[i % seeds.Length] image
                    resync disk image (List.map fst undo)

                    try
                        try
                            let kv = FatKvRo.ConnectAsync(disk).GetAwaiter().GetResult()
                            contents kv Key.Empty |> ignore
                            stores <- stores + 1
                        with :? InvalidDataException ->
                            refused <- refused + 1
                    finally
                        for at, old in List.rev undo do
                            image[at] <- old

                        resync disk image (List.map fst undo)

                Expect.isGreaterThan
                    stores
                    (fuzzCount () / 10)
                    $"many mutations still read ({stores} stores, {refused} refused)"

                Expect.isGreaterThan
                    refused
                    (fuzzCount () / 100)
                    $"many are refused ({stores} stores, {refused} refused)"
            }
        ]
