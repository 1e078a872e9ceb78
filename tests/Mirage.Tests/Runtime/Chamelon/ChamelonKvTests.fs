/// chamelon over a block device: values small (inline) and large (CTZ skip-lists), dictionaries,
/// remounting, space reuse, and the errors of a device that holds no store.
module Mirage.Tests.Runtime.Chamelon.ChamelonKvTests

open System
open System.IO
open Expecto
open Mirage.Runtime.Chamelon
open Mirage.Runtime.Chamelon.Format
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.Chamelon.Support

let private sizes = [ 0; 1; 63; 64; 65; 504; 505; 1000; 5000; 70_000 ]

[<Tests>]
let tests =
    testList
        "Runtime.Chamelon"
        [
            test "values of every size read back whole, after a remount too" {
                let block, kv = fresh 512

                for n in sizes do
                    kv.SetAsync(key $"v{n}", pattern n) |> run |> noError

                for store in [ kv; mount block ] do
                    for n in sizes do
                        let got = store.GetAsync(key $"v{n}") |> run |> ok
                        Expect.equal (got.ToArray()) ((pattern n).ToArray()) $"value of {n} bytes"
                        Expect.equal (store.SizeAsync(key $"v{n}") |> run |> ok) (int64 n) $"size of {n} bytes"
            }

            test "partial reads of a large value match the same slice of it" {
                let _, kv = fresh 512
                let value = pattern 20_000
                kv.SetAsync(key "big", value) |> run |> noError

                for offset, length in [ 0, 10; 500, 20; 503, 600; 9_999, 5_000; 19_990, 100; 25_000, 5; 0, 20_000 ] do
                    let got = kv.GetPartialAsync(key "big", int64 offset, length) |> run |> ok
                    let start = min offset 20_000
                    let expected = value.Slice(start, min length (20_000 - start)).ToArray()
                    Expect.equal (got.ToArray()) expected $"bytes {offset}+{length}"
            }

            test "the CTZ arithmetic: block i's first data byte is where Locate puts it" {
                for blockSize in [ 128; 512; 4096 ] do
                    for i in 0L .. 2000L do
                        let start =
                            if i = 0L then
                                0L
                            else
                                i * int64 blockSize
                                - 4L * (2L * (i - 1L) - int64 (Numerics.BitOperations.PopCount(uint64 (i - 1L))))

                        Expect.equal
                            (Ctz.Locate(start, blockSize))
                            (struct (i, 4 * Ctz.Pointers i))
                            $"block {i} of {blockSize}"
            }

            test "many keys in one dictionary split its metadata into more pairs and all stay readable" {
                let block, kv = fresh 1024

                for i in 0..299 do
                    kv.SetAsync(key $"dir/key-{i:D3}", bytes $"value {i}") |> run |> noError

                let remounted = mount block
                let listed = remounted.ListAsync(key "dir") |> run |> ok
                Expect.equal listed.Count 300 "every key is listed"
                Expect.equal (string listed[0].Key) "/dir/key-000" "in key order"

                for i in 0..299 do
                    Expect.equal
                        (remounted.GetAsync(key $"dir/key-{i:D3}") |> run |> ok |> text)
                        $"value {i}"
                        $"key {i}"
            }

            test "rewriting a value many times reuses the space the old versions held" {
                let _, kv = fresh 128

                for round in 0..199 do
                    kv.SetAsync(key "a/file", pattern (20_000 + round)) |> run |> noError

                Expect.equal ((kv.GetAsync(key "a/file") |> run |> ok).Length) 20_199 "the last version"
            }

            test "a value larger than the device is no space, and the store still works" {
                let _, kv = fresh 64
                let error = kv.SetAsync(key "huge", pattern 100_000) |> run |> writeError
                Expect.equal error (KvErrorKind.NoSpace, "/huge") "no space"
                kv.SetAsync(key "small", bytes "fits") |> run |> noError
                Expect.equal (kv.GetAsync(key "small") |> run |> ok |> text) "fits" "readable"
                Expect.equal (kv.ExistsAsync(key "huge") |> run |> ok) (Nullable()) "nothing half-written"
            }

            test "removing the empty key empties the store; renaming moves a dictionary with its values" {
                let _, kv = fresh 256
                kv.SetAsync(key "a/b/c", pattern 3000) |> run |> noError
                kv.RenameAsync(key "a", key "z") |> run |> noError
                Expect.equal ((kv.GetAsync(key "z/b/c") |> run |> ok).ToArray()) ((pattern 3000).ToArray()) "moved"
                Expect.equal (kv.ExistsAsync(key "a") |> run |> ok) (Nullable()) "gone from the source"
                kv.RemoveAsync Key.Empty |> run |> noError
                Expect.isEmpty (kv.ListAsync Key.Empty |> run |> ok) "empty"
            }

            test "last modified is kept in chamelon's attribute, to the tick" {
                let _, kv = fresh 64

                let date =
                    DateTimeOffset(2024, 2, 29, 23, 59, 58, 123, TimeSpan.Zero).AddTicks 4567L

                kv.AllocateAsync(key "t", 10L, Nullable date) |> run |> noError
                Expect.equal (kv.LastModifiedAsync(key "t") |> run |> ok) date "the allocation's date"
            }

            test "a name longer than littlefs allows is refused, naming the key" {
                let _, kv = fresh 64
                let long = String('n', 256)
                let error = kv.SetAsync(key long, bytes "x") |> run |> writeError
                Expect.equal (fst error) KvErrorKind.KeyUnsupported "refused"
            }

            test "an unformatted device does not mount: the message says how to format it" {
                let e = raises<IOException>(fun () -> mount (MemoryBlock 64) |> ignore)
                Expect.stringContains e.Message "no littlefs superblock" "why"
                Expect.stringContains e.Message "--chamelon-format" "what to do"
            }

            test "a program block size that does not divide the sector size is refused" {
                let block = MemoryBlock 64

                let e =
                    raises<ArgumentException>(fun () -> ChamelonKv.ConnectAsync(block, 24, true) |> run |> ignore)

                Expect.stringContains e.Message "--program-block-size=24" "names the argument"
            }

            test "connecting with format on erases what was there" {
                let block, kv = fresh 64
                kv.SetAsync(key "x", bytes "1") |> run |> noError
                let again = run (ChamelonKv.ConnectAsync(block, programBlockSize, true))
                Expect.isEmpty (again.ListAsync Key.Empty |> run |> ok) "empty"
            }
        ]
