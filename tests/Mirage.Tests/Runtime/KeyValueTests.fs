/// The key/value stores: keys, then one set of semantic checks run on every read-write store
/// (in memory and a directory), the directory store's safety and atomicity, crunch.
module Mirage.Tests.Runtime.KeyValueTests

open System
open System.IO
open System.Security.Cryptography
open System.Text
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport

let private set = setText
let private get = getText

/// The checks every read-write store must pass, on a store `make ()` connects empty.
let private semantics name (make: unit -> IKvRw) =
    testList
        name
        [
            test "set then get, exists says what a key is bound to" {
                let kv = make ()
                set kv "a/b/c" "hello"
                Expect.equal (get kv "/a/b/c") "hello" "the value"
                Expect.equal (kv.ExistsAsync(key "a/b/c") |> run |> ok) (Nullable KvEntryKind.Value) "a value"
                Expect.equal (kv.ExistsAsync(key "a/b") |> run |> ok) (Nullable KvEntryKind.Dictionary) "a dictionary"
                Expect.equal (kv.ExistsAsync(Key.Empty) |> run |> ok) (Nullable KvEntryKind.Dictionary) "the root"
                Expect.isFalse (kv.ExistsAsync(key "a/x") |> run |> ok).HasValue "nothing"
                Expect.isFalse (kv.ExistsAsync(key "a/b/c/d") |> run |> ok).HasValue "nothing below a value"
            }

            test "get: a dictionary is Value_expected, a missing key Not_found" {
                let kv = make ()
                set kv "d/v" "x"
                Expect.equal (kv.GetAsync(key "d") |> run |> errorKind) (KvErrorKind.ValueExpected, "/d") "dictionary"
                Expect.equal (kv.GetAsync(key "nope") |> run |> errorKind) (KvErrorKind.NotFound, "/nope") "missing"
                Expect.equal (kv.SizeAsync(key "d") |> run |> errorKind) (KvErrorKind.ValueExpected, "/d") "size"
                Expect.equal (kv.DigestAsync(key "d") |> run |> errorKind) (KvErrorKind.ValueExpected, "/d") "digest"
                let message = string (kv.GetAsync(key "d") |> run).Error
                Expect.stringContains message "expected a value at the key /d" "the message says it"
            }

            test "list returns full keys and kinds in key order; a value is Dictionary_expected" {
                let kv = make ()
                set kv "top/b" "1"
                set kv "top/a/deep" "2"
                set kv "top/c" "3"
                let entries = kv.ListAsync(key "top") |> run |> ok |> List.ofSeq

                Expect.equal
                    entries
                    [
                        KvEntry(key "top/a", KvEntryKind.Dictionary)
                        KvEntry(key "top/b", KvEntryKind.Value)
                        KvEntry(key "top/c", KvEntryKind.Value)
                    ]
                    "entries"

                Expect.equal
                    (kv.ListAsync(key "top/b") |> run |> errorKind)
                    (KvErrorKind.DictionaryExpected, "/top/b")
                    "a value"

                Expect.equal (kv.ListAsync(key "none") |> run |> errorKind) (KvErrorKind.NotFound, "/none") "missing"

                Expect.equal
                    (kv.ListAsync(Key.Empty) |> run |> ok |> Seq.map _.Key |> List.ofSeq)
                    [ key "top" ]
                    "the root"
            }

            test "get_partial: a short read at the end, nothing past it" {
                let kv = make ()
                set kv "v" "0123456789"

                let partial o l =
                    kv.GetPartialAsync(key "v", o, l) |> run |> ok |> text

                Expect.equal (partial 2L 3) "234" "inside"
                Expect.equal (partial 8L 5) "89" "short"
                Expect.equal (partial 20L 5) "" "past the end"
                Expect.equal (kv.SizeAsync(key "v") |> run |> ok) 10L "size"
            }

            test "set_partial overwrites in place, keeps the tail, appends past the end, creates a missing key" {
                let kv = make ()
                set kv "v" "0123456789"
                kv.SetPartialAsync(key "v", 2L, bytes "ab") |> run |> noError
                Expect.equal (get kv "v") "01ab456789" "in place"
                kv.SetPartialAsync(key "v", 8L, bytes "XYZ") |> run |> noError
                Expect.equal (get kv "v") "01ab4567XYZ" "over the end"
                kv.SetPartialAsync(key "v", 100L, bytes "!") |> run |> noError
                Expect.equal (get kv "v") "01ab4567XYZ!" "past the end: appended, no gap"
                kv.SetPartialAsync(key "new/k", 5L, bytes "n") |> run |> noError
                Expect.equal (get kv "new/k") "n" "a missing key is the data"

                Expect.equal
                    (kv.SetPartialAsync(key "new", 0L, bytes "x") |> run |> writeError)
                    (KvErrorKind.ValueExpected, "/new")
                    "a dictionary"
            }

            test "set replaces a dictionary; writing below a value is Dictionary_expected for it" {
                let kv = make ()
                set kv "d/x" "1"
                set kv "d" "now a value"
                Expect.equal (get kv "d") "now a value" "replaced"

                Expect.equal
                    (kv.SetAsync(key "d/y", bytes "2") |> run |> writeError)
                    (KvErrorKind.DictionaryExpected, "/d")
                    "below a value"

                Expect.equal
                    (kv.SetAsync(Key.Empty, bytes "2") |> run |> writeError)
                    (KvErrorKind.ValueExpected, "/")
                    "root"
            }

            test "remove takes a value or a whole dictionary; a missing key is fine" {
                let kv = make ()
                set kv "d/x" "1"
                set kv "d/e/y" "2"
                set kv "keep" "3"
                kv.RemoveAsync(key "d") |> run |> noError
                Expect.isFalse (kv.ExistsAsync(key "d") |> run |> ok).HasValue "gone"
                kv.RemoveAsync(key "d") |> run |> noError
                Expect.equal (get kv "keep") "3" "the rest stays"
                kv.RemoveAsync(Key.Empty) |> run |> noError
                Expect.isEmpty (kv.ListAsync(Key.Empty) |> run |> ok) "the root empties the store"
            }

            test "rename: onto a value replaces it, into a dictionary moves inside, errors as upstream" {
                let kv = make ()
                set kv "a" "A"
                set kv "b" "B"
                kv.RenameAsync(key "a", key "b") |> run |> noError
                Expect.equal (get kv "b") "A" "replaced"
                Expect.isFalse (kv.ExistsAsync(key "a") |> run |> ok).HasValue "source gone"
                set kv "dir/x" "X"
                kv.RenameAsync(key "b", key "dir") |> run |> noError
                Expect.equal (get kv "dir/b") "A" "moved inside"
                kv.RenameAsync(key "dir", key "other/place") |> run |> noError
                Expect.equal (get kv "other/place/x") "X" "a dictionary moves whole"

                Expect.equal
                    (kv.RenameAsync(key "nope", key "z") |> run |> writeError)
                    (KvErrorKind.NotFound, "/nope")
                    "missing source"

                set kv "v" "V"

                Expect.equal
                    (kv.RenameAsync(key "other", key "v") |> run |> writeError)
                    (KvErrorKind.ValueExpected, "/other")
                    "a dictionary onto a value"

                Expect.equal
                    (kv.RenameAsync(key "other", key "other/place/deeper") |> run |> writeError)
                    (KvErrorKind.RenameSourcePrefix, "/other")
                    "a dictionary into itself"

                Expect.equal (get kv "other/place/x") "X" "failed renames change nothing"
            }

            test "allocate: zeros dated as asked; an existing key is Already_present" {
                let kv = make ()
                let date = DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero)
                kv.AllocateAsync(key "z", 5L, Nullable date) |> run |> noError
                Expect.equal ((kv.GetAsync(key "z") |> run |> ok).ToArray()) (Array.zeroCreate 5) "zeros"
                Expect.equal (kv.LastModifiedAsync(key "z") |> run |> ok) date "last modified"

                Expect.equal
                    (kv.AllocateAsync(key "z", 1L) |> run |> writeError)
                    (KvErrorKind.AlreadyPresent, "/z")
                    "a value"

                set kv "d/x" "1"

                Expect.equal
                    (kv.AllocateAsync(key "d", 1L) |> run |> writeError)
                    (KvErrorKind.AlreadyPresent, "/d")
                    "a dictionary"
            }

            test "digest is the SHA-256 of the value" {
                let kv = make ()
                set kv "v" "digest me"
                let expected = SHA256.HashData(Encoding.UTF8.GetBytes "digest me")
                Expect.equal (kv.DigestAsync(key "v") |> run |> ok) expected "sha256"
            }

            test "last_modified is about now after a set" {
                let kv = make ()
                let before = DateTimeOffset.UtcNow.AddSeconds -2.0
                set kv "v" "x"
                let modified = kv.LastModifiedAsync(key "v") |> run |> ok
                Expect.isGreaterThan modified before "recent"
                Expect.isLessThan modified (DateTimeOffset.UtcNow.AddSeconds 2.0) "not in the future"
            }
        ]

[<Tests>]
let keys =
    testList
        "Runtime.KeyValue.Key"
        [
            test "'/' separates segments; leading, trailing and double slashes do not count" {
                Expect.equal (key "a//b/") (key "/a/b") "same key"
                Expect.equal (string (key "a//b/")) "/a/b" "printed from the top"
                Expect.equal (string Key.Empty) "/" "the root"
                Expect.equal (key "/a/b").Parent (key "a") "parent"
                Expect.equal (key "/a/b").Basename "b" "basename"
                Expect.equal ((key "a") / "b") (key "a/b") "add"
            }

            test "'..' and '.' segments and NUL are refused with the reason" {
                for bad in [ "../etc/passwd"; "a/../../b"; "./a"; "a/\000b" ] do
                    match Key.TryParse bad with
                    | true, _, _ -> failtestf "%s parsed" bad
                    | false, _, error -> Expect.stringContains error $"invalid key '{bad}'" "names the key"

                let e = raises<ArgumentException>(fun () -> Key.Parse ".." |> ignore)
                Expect.stringContains e.Message "a segment is '..'" "says why"
                Expect.throwsT<ArgumentException> (fun () -> (key "a") / "b/c" |> ignore) "a segment holds no '/'"
            }
        ]

[<Tests>]
let stores =
    testList
        "Runtime.KeyValue"
        [
            semantics "kv_rw_mem" (fun () -> MemKv())
            semantics "direct_kv_rw" (fun () -> DirectKvRw.Connect(tempDir ()))

            test "direct_kv_rw: an absolute-looking key stays inside the store, a '..' key cannot be made" {
                let parent = tempDir ()
                let root = Directory.CreateDirectory(Path.Combine(parent, "store")).FullName
                let kv = DirectKvRw.Connect root
                set kv "/escape" "inside"
                Expect.isTrue (File.Exists(Path.Combine(root, "escape"))) "written below the root"
                Expect.isFalse (File.Exists(Path.Combine(parent, "escape"))) "not beside it"
                Expect.isFalse (Key.TryParse("../outside") |> fun (ok, _, _) -> ok) "no key leaves the store"

                Expect.equal
                    (Directory.GetFileSystemEntries parent |> Array.map Path.GetFileName)
                    [| "store" |]
                    "nothing else written"
            }

            test "direct_kv_rw: writes leave no temporary file, and list never shows one" {
                let root = tempDir ()
                let kv = DirectKvRw.Connect root
                set kv "a/v" "1"
                kv.SetPartialAsync(key "a/v", 1L, bytes "2") |> run |> noError
                kv.AllocateAsync(key "a/z", 3L) |> run |> noError
                File.WriteAllText(Path.Combine(root, "a", ".v.abc.mirage-tmp"), "left by a crash")

                Expect.equal
                    (kv.ListAsync(key "a")
                     |> run
                     |> ok
                     |> Seq.map (fun e -> string e.Key)
                     |> List.ofSeq)
                    [ "/a/v"; "/a/z" ]
                    "only the values"

                Expect.equal
                    (Directory.GetFiles(Path.Combine(root, "a"))
                     |> Array.map Path.GetFileName
                     |> Array.sort)
                    [| ".v.abc.mirage-tmp"; "v"; "z" |]
                    "no temporary file of ours"
            }

            test "direct_kv_ro reads files written by hand; a directory where a value is expected is an error value" {
                let root = tempDir ()
                Directory.CreateDirectory(Path.Combine(root, "sub")) |> ignore
                File.WriteAllText(Path.Combine(root, "sub", "file"), "content")
                let kv = DirectKvRo.Connect root
                Expect.equal (get kv "sub/file") "content" "read"

                Expect.equal
                    (kv.GetAsync(key "sub") |> run |> errorKind)
                    (KvErrorKind.ValueExpected, "/sub")
                    "a directory"

                File.WriteAllText(Path.Combine(root, "sub", "file"), "edited")
                Expect.equal (get kv "sub/file") "edited" "read when asked"
            }

            test "direct_kv_ro of a missing directory fails to connect, naming it" {
                let missing = Path.Combine(tempDir (), "nope")

                let e =
                    raises<DirectoryNotFoundException>(fun () -> DirectKvRo.Connect missing |> ignore)

                Expect.stringContains e.Message $"direct_kv_ro: '{missing}' is not a directory" "the message"
            }
        ]
