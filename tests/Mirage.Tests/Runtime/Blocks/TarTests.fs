/// tar_kv_ro and tar_kv_rw: GNU tar's archives read back (ustar, pax, GNU long names), ours listed and
/// extracted by GNU tar, tar-mirage's refusals, and damaged images refused saying where.
module Mirage.Tests.Runtime.Blocks.TarTests

open System
open System.Formats.Tar
open System.IO
open Expecto
open Mirage.Runtime.Block
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Tar
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.Blocks.TarSupport

let private longName =
    String.replicate 3 "a-rather-long-directory-name/"
    + "and-a-file-name-past-100-bytes.txt"

let private files =
    [ "index.html"; "css/site.css"; "img/deep/logo.svg"; "empty"; longName ]

let private populate (dir: string) =
    for f in files do
        let path = Path.Combine(dir, f)
        Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore
        File.WriteAllBytes(path, (if f = "empty" then [||] else contentOf f))

let private connectRo (image: string) =
    TarKvRo.ConnectAsync(FileBlock.Connect image).GetAwaiter().GetResult()

let private connectRw (block: IBlock) =
    TarKvRw.ConnectAsync(block, TimeProvider.System).GetAwaiter().GetResult()

let private damaged (block: IBlock) =
    try
        TarKvRo.ConnectAsync(block).GetAwaiter().GetResult() |> ignore
        failtest "expected the image to be refused"
    with :? InvalidDataException as e ->
        e.Message

/// An image holding what TarWriter writes for `entries` (name, data), padded to `sectors`.
let private imageOf (sectors: int) (entries: (string * byte array) list) =
    use stream = new MemoryStream()

    do
        use writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen = true)

        for name, data in entries do
            let entry = UstarTarEntry(TarEntryType.RegularFile, name)
            entry.DataStream <- new MemoryStream(data)
            writer.WriteEntry entry

    let image = Array.zeroCreate<byte>(sectors * 512)
    stream.ToArray().CopyTo(image, 0)
    image

let private ramdiskWith (image: byte array) =
    let disk = Ramdisk.Create(int64 image.Length / 512L)
    disk.WriteAsync(0L, ReadOnlyMemory image) |> run |> ignore
    disk

[<Tests>]
let tests =
    testList
        "Runtime.Blocks.Tar"
        [
            for format in [ "gnu"; "posix"; "ustar" ] do
                test $"reads back every file GNU tar archived in the {format} format" {
                    let dir = tempDir ()

                    try
                        let src = Path.Combine(dir, "src")
                        populate src
                        let image = Path.Combine(dir, "disk.img")

                        let names =
                            if format = "ustar" then
                                List.filter ((<>) longName) files
                            else
                                files

                        tar src ([ "-cf"; image; $"--format={format}" ] @ names) |> ignore
                        let kv = connectRo image

                        for f in names do
                            let expected = if f = "empty" then [||] else contentOf f
                            Expect.equal ((kv.GetAsync(key f) |> run |> ok).ToArray()) expected $"{f}"
                            Expect.equal (kv.SizeAsync(key f) |> run |> ok) (int64 expected.Length) $"size of {f}"

                        Expect.equal
                            (kv.ListAsync(key "img")
                             |> run
                             |> ok
                             |> Seq.map (fun e -> string e.Key, e.Kind)
                             |> List.ofSeq)
                            [ "/img/deep", KvEntryKind.Dictionary ]
                            "directories are dictionaries"

                        Expect.equal
                            (errorKind (kv.GetAsync(key "css") |> run))
                            (KvErrorKind.ValueExpected, "/css")
                            "a dictionary"

                        Expect.equal
                            (errorKind (kv.GetAsync(key "nope") |> run))
                            (KvErrorKind.NotFound, "/nope")
                            "missing"

                        let part = kv.GetPartialAsync(key "index.html", 3L, 5) |> run |> ok
                        Expect.equal (part.ToArray()) (contentOf "index.html").[3..7] "a part"
                    finally
                        Directory.Delete(dir, true)
                }

            test "GNU tar lists and extracts what tar_kv_rw appended, after an archive GNU tar made" {
                let dir = tempDir ()

                try
                    let src = Path.Combine(dir, "src")
                    populate src
                    let image = Path.Combine(dir, "disk.img")
                    tar src [ "-cf"; image; "--format=gnu"; "index.html" ] |> ignore
                    padTo 256 image
                    let block = FileBlock.Connect image
                    let kv = connectRw block
                    setText kv "notes/first" "one"
                    setText kv "notes/second" (String.replicate 300 "two ")
                    let date = DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero)
                    kv.AllocateAsync(key "zeros", 1000L, Nullable date) |> run |> noError
                    kv.SetPartialAsync(key "zeros", 998L, bytes "!!") |> run |> noError
                    block.DisconnectAsync().AsTask().Wait()
                    let listing = tar dir [ "-tf"; image ]

                    Expect.equal
                        (listing.Split('\n', StringSplitOptions.RemoveEmptyEntries) |> List.ofArray)
                        [ "index.html"; "notes/first"; "notes/second"; "zeros" ]
                        "listed in order"

                    let out = Path.Combine(dir, "out")
                    Directory.CreateDirectory out |> ignore
                    tar out [ "-xf"; image ] |> ignore
                    Expect.equal (File.ReadAllText(Path.Combine(out, "notes/first"))) "one" "extracted"

                    Expect.equal
                        (File.ReadAllText(Path.Combine(out, "notes/second")))
                        (String.replicate 300 "two ")
                        "extracted across sectors"

                    let zeros = File.ReadAllBytes(Path.Combine(out, "zeros"))
                    Expect.equal zeros.Length 1000 "allocated size"
                    Expect.equal zeros[998..] "!!"B "the partial write"
                    Expect.equal (File.GetLastWriteTimeUtc(Path.Combine(out, "zeros"))) date.UtcDateTime "its time"
                    let again = connectRo image
                    Expect.equal (getText again "notes/first") "one" "remounted"
                finally
                    Directory.Delete(dir, true)
            }

            test "refuses what tar-mirage refuses, with its errors" {
                let kv = connectRw (Ramdisk.Create 64L)
                setText kv "a/b" "1"
                setText kv "c" "22"
                let err (w: Threading.Tasks.ValueTask<KvError>) = w |> run |> writeError

                Expect.equal
                    (err (kv.SetAsync(key "c", bytes "x")))
                    (KvErrorKind.AlreadyPresent, "/c")
                    "set over a value"

                Expect.equal
                    (err (kv.SetAsync(key "c/d", bytes "x")))
                    (KvErrorKind.DictionaryExpected, "/c")
                    "below a value"

                Expect.equal
                    (err (kv.SetPartialAsync(key "c", 1L, bytes "xy")))
                    (KvErrorKind.AppendOnly, "/c")
                    "growing"

                Expect.equal (err (kv.RemoveAsync(key "a/b"))) (KvErrorKind.AppendOnly, "/a/b") "not the last"
                Expect.equal (err (kv.RemoveAsync(key "a"))) (KvErrorKind.ValueExpected, "/a") "a dictionary"

                Expect.equal
                    (err (kv.RenameAsync(key "a", key "z")))
                    (KvErrorKind.AppendOnly, "/a")
                    "renaming a dictionary"

                Expect.equal
                    (err (kv.RenameAsync(key "a/b", key "c")))
                    (KvErrorKind.AlreadyPresent, "/c")
                    "onto a value"

                Expect.equal
                    (err (kv.SetAsync(key "big", ReadOnlyMemory(Array.zeroCreate 40000))))
                    (KvErrorKind.NoSpace, "/big")
                    "full"

                Expect.equal
                    (err (kv.SetAsync(key (String.replicate 120 "x"), bytes "")))
                    (KvErrorKind.KeyUnsupported, "/" + String.replicate 120 "x")
                    "too long for ustar"

                kv.SetPartialAsync(key "c", 1L, bytes "9") |> run |> noError
                kv.RenameAsync(key "a/b", key "moved") |> run |> noError
                kv.RemoveAsync(key "c") |> run |> noError
                setText kv "d" "4"
                Expect.equal (getText kv "moved") "1" "renamed"
                Expect.equal (kv.ExistsAsync(key "c") |> run |> ok) (Nullable()) "removed"
                ()
            }

            test "the store survives a remount: renamed, removed and appended entries as left" {
                let disk = Ramdisk.Create 64L
                let kv = connectRw disk
                setText kv "a" "1"
                setText kv "b" "2"
                kv.RenameAsync(key "a", key "x/a") |> run |> noError
                kv.RemoveAsync(key "b") |> run |> noError
                setText kv "c" "3"
                let again = connectRw disk
                Expect.equal (getText again "x/a") "1" "renamed"
                Expect.equal (getText again "c") "3" "appended after a removal"
                Expect.equal (again.ExistsAsync(key "b") |> run |> ok) (Nullable()) "removed"
            }

            test "a bad checksum, a '..' name, or data past the device is refused, saying where" {
                let good = imageOf 8 [ "a", "hello"B ]
                let badSum = Array.copy good
                badSum[10] <- badSum[10] ^^^ 1uy
                Expect.stringContains (damaged (ramdiskWith badSum)) "at byte 0" "checksum"
                let dotdot = imageOf 8 [ "ok", "1"B; "a/../../etc/passwd", "x"B ]
                Expect.stringContains (damaged (ramdiskWith dotdot)) "'..'" "dot-dot"
                let big = imageOf 16 [ "a", Array.zeroCreate 5000 ]

                Expect.stringContains
                    (damaged (ramdiskWith big[..4095]))
                    "past the end of the device"
                    "size past the device"
            }
        ]
