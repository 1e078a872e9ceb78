/// The directory stores against what a directory can hold and what a crash or a symbolic link
/// leaves in it: long names, the reserved temporary suffix, leftovers, links out of the root.
module Mirage.Tests.Runtime.KeyValueDirectTests

open System
open System.IO
open Expecto
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport

let private set = setText
let private get = getText

let private unsupported (error: KvError) (reason: string) =
    Expect.isNotNull (box error) "refused"
    Expect.equal error.Kind KvErrorKind.KeyUnsupported $"the store cannot hold it: {error}"
    Expect.stringContains (string error) reason "says why"

/// Everything below `root`, relative, sorted (links not followed).
let private contents root =
    Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
    |> Array.map (fun p -> Path.GetRelativePath(root, p))
    |> Array.sort
    |> List.ofArray

let private names =
    testList
        "names a directory can hold"
        [
            test "a segment of 211 to 255 bytes is stored (its temporary file's name is no longer)" {
                let kv = DirectKvRw.Connect(tempDir ())

                for length in [ 211; 230; 255 ] do
                    let name = String('n', length)
                    set kv $"d/{name}" "long"
                    Expect.equal (get kv $"d/{name}") "long" $"{length} bytes"
                    kv.SetPartialAsync(key $"d/{name}", 4L, bytes "er") |> run |> noError
                    Expect.equal (get kv $"d/{name}") "longer" "partial write"
            }

            test "a segment over 255 bytes is refused with KeyUnsupported, nothing written, by every write" {
                let root = tempDir ()
                let kv = DirectKvRw.Connect root
                set kv "v" "x"
                let long = String('n', 256)
                // 128 two-byte letters: 128 characters, 256 bytes of UTF-8.
                let wide = String('é', 128)

                for k in [ long; $"d/{long}"; $"{long}/d"; wide ] do
                    unsupported (kv.SetAsync(key k, bytes "x") |> run) "a segment is 256 bytes long"
                    unsupported (kv.SetPartialAsync(key k, 0L, bytes "x") |> run) "at most 255"
                    unsupported (kv.AllocateAsync(key k, 1L) |> run) "at most 255"
                    unsupported (kv.RenameAsync(key "v", key k) |> run) "at most 255"
                    Expect.equal (kv.GetAsync(key k) |> run |> errorKind) (KvErrorKind.NotFound, "/" + k) "absent"

                Expect.equal (contents root) [ "v" ] "nothing else made"
            }

            test "a path over the system's 4095 bytes is refused with KeyUnsupported" {
                let root = tempDir ()
                let kv = DirectKvRw.Connect root
                let deep = String.Join("/", Array.create 20 (String('s', 250)))
                unsupported (kv.SetAsync(key deep, bytes "x") |> run) "the system's paths are at most 4095"
                Expect.equal (contents root) [] "nothing made"
            }

            test "names ending in .mirage-tmp are reserved: refused for writing, absent for reading" {
                let root = tempDir ()
                let kv = DirectKvRw.Connect root
                set kv "v" "x"

                for k in [ "a.mirage-tmp"; "d.mirage-tmp/x"; "d/b.mirage-tmp" ] do
                    unsupported (kv.SetAsync(key k, bytes "x") |> run) "reserved for the store's temporary files"
                    unsupported (kv.RenameAsync(key "v", key k) |> run) "reserved"

                File.WriteAllText(Path.Combine(root, "hand.mirage-tmp"), "made by hand")
                let ro = DirectKvRo.Connect root

                Expect.equal
                    (ro.GetAsync(key "hand.mirage-tmp") |> run |> errorKind)
                    (KvErrorKind.NotFound, "/hand.mirage-tmp")
                    "not readable either"

                Expect.isFalse (ro.ExistsAsync(key "hand.mirage-tmp") |> run |> ok).HasValue "absent"
                Expect.equal (contents root) [ "hand.mirage-tmp"; "v" ] "nothing written"
            }
        ]

let private leftovers =
    testList
        "what a crash leaves"
        [
            test "connecting removes temporary files, at any depth, and keeps the values" {
                let root = tempDir ()
                Directory.CreateDirectory(Path.Combine(root, "a", "b")) |> ignore
                File.WriteAllText(Path.Combine(root, "v"), "old")
                File.WriteAllText(Path.Combine(root, ".v.0123.mirage-tmp"), "half written")
                File.WriteAllText(Path.Combine(root, "a", "b", "w"), "kept")
                File.WriteAllText(Path.Combine(root, "a", "b", ".0123456789abcdef.mirage-tmp"), "half")
                let kv = DirectKvRw.Connect root
                Expect.equal (contents root) [ "a"; Path.Combine("a", "b"); Path.Combine("a", "b", "w"); "v" ] "tidied"
                Expect.equal (get kv "v") "old" "the old value"
            }

            test "connecting finishes a rename a crash interrupted after setting its source aside" {
                let root = tempDir ()
                // RenameAsync("t/s", "t") had moved t/s to .<guid>.mirage-tmp/t and not yet replaced t.
                Directory.CreateDirectory(Path.Combine(root, "t")) |> ignore
                File.WriteAllText(Path.Combine(root, "t", "other"), "old dictionary")
                let aside = Path.Combine(root, ".0123456789abcdef0123456789abcdef.mirage-tmp")
                Directory.CreateDirectory aside |> ignore
                File.WriteAllText(Path.Combine(aside, "t"), "renamed value")
                let kv = DirectKvRw.Connect root
                Expect.equal (get kv "t") "renamed value" "the rename is done"
                Expect.equal (contents root) [ "t" ] "nothing else"
            }

            test "a rename over the dictionary that holds the source works and leaves nothing behind" {
                let root = tempDir ()
                let kv = DirectKvRw.Connect root
                set kv "t/t/t" "deep"
                set kv "t/t/x" "gone"
                // Into the dictionary t: the target is t/t, which holds the source.
                kv.RenameAsync(key "t/t/t", key "t") |> run |> noError
                Expect.equal (get kv "t/t") "deep" "moved up"
                Expect.equal (contents root) [ "t"; Path.Combine("t", "t") ] "nothing else"
            }
        ]

let private links =
    testList
        "symbolic links"
        [
            /// A store `root/store` with links in and out of it, and a secret beside it.
            let withLinks body =
                let parent = tempDir ()
                let root = Directory.CreateDirectory(Path.Combine(parent, "store")).FullName
                let outside = Directory.CreateDirectory(Path.Combine(parent, "tls")).FullName
                File.WriteAllText(Path.Combine(outside, "server.key"), "secret")
                Directory.CreateDirectory(Path.Combine(root, "site")) |> ignore
                File.WriteAllText(Path.Combine(root, "site", "index.html"), "hello")

                File.CreateSymbolicLink(Path.Combine(root, "key"), "../tls/server.key")
                |> ignore

                Directory.CreateSymbolicLink(Path.Combine(root, "tls"), outside) |> ignore
                // In and back out: site/up -> .. (the root, inside), site/up/../tls leaves.
                Directory.CreateSymbolicLink(Path.Combine(root, "site", "up"), "..") |> ignore
                File.CreateSymbolicLink(Path.Combine(root, "home"), "site/index.html") |> ignore
                File.CreateSymbolicLink(Path.Combine(root, "loop"), "loop") |> ignore
                body parent root outside

            test "a direct store follows links inside its root and treats links out of it as absent" {
                withLinks (fun _ root _ ->
                    let kv = DirectKvRo.Connect root
                    Expect.equal (get kv "home") "hello" "a link inside"
                    Expect.equal (get kv "site/up/site/index.html") "hello" "a link to an ancestor inside"

                    for k in [ "key"; "tls/server.key"; "site/up/key"; "site/up/tls/server.key"; "loop" ] do
                        Expect.equal (kv.GetAsync(key k) |> run |> errorKind) (KvErrorKind.NotFound, "/" + k) k
                        Expect.isFalse (kv.ExistsAsync(key k) |> run |> ok).HasValue $"{k} is absent"
                        Expect.equal (kv.SizeAsync(key k) |> run |> errorKind) (KvErrorKind.NotFound, "/" + k) "size"

                    Expect.equal (kv.ListAsync(key "tls") |> run |> errorKind) (KvErrorKind.NotFound, "/tls") "list"

                    Expect.equal
                        (kv.ListAsync(Key.Empty)
                         |> run
                         |> ok
                         |> Seq.map (fun e -> string e.Key)
                         |> List.ofSeq)
                        [ "/home"; "/site" ]
                        "links out of the root are not listed")
            }

            test "a store whose root is itself a link works through it" {
                withLinks (fun parent root _ ->
                    let alias = Path.Combine(parent, "alias")
                    Directory.CreateSymbolicLink(alias, root) |> ignore
                    let kv = DirectKvRo.Connect alias
                    Expect.equal (get kv "home") "hello" "inside"
                    Expect.equal (kv.GetAsync(key "key") |> run |> errorKind) (KvErrorKind.NotFound, "/key") "outside")
            }

            test "direct_kv_rw never writes or deletes through a link out of its root" {
                withLinks (fun _ root outside ->
                    let kv = DirectKvRw.Connect root

                    unsupported
                        (kv.SetAsync(key "tls/server.key", bytes "overwritten") |> run)
                        "a symbolic link on the way leads out of the store's directory"

                    unsupported (kv.SetAsync(key "site/up/tls/new", bytes "x") |> run) "leads out"
                    kv.RemoveAsync(key "tls/server.key") |> run |> noError
                    kv.RemoveAsync(key "tls") |> run |> noError
                    Expect.isFalse (Directory.Exists(Path.Combine(root, "tls"))) "the link itself is removed"
                    // Writing over the link to a file replaces the link, not the file it names.
                    set kv "key" "a value of the store"
                    Expect.equal (get kv "key") "a value of the store" "the store's value"

                    Expect.equal
                        (File.ReadAllText(Path.Combine(outside, "server.key")))
                        "secret"
                        "the file outside is untouched")
            }
        ]

[<Tests>]
let tests = testList "Runtime.KeyValue.direct" [ names; leftovers; links ]
