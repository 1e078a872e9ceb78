/// git-kv against `git daemon`: a clone read as a key/value store, writes pushed as commits that
/// git accepts (fsck, log), pulls that report what changed, and a write refused after someone
/// else pushed, leaving the store as it was.
module Mirage.Tests.Git.GitKvTests

open System
open System.IO
open System.Text
open Expecto
open Mirage.Runtime.Git
open Mirage.Runtime.Git.Store
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Network.Sockets
open Mirage.Tests.Support
open Mirage.Tests.Support.TestGit

let private text (r: KvResult<ReadOnlyMemory<byte>>) = Encoding.UTF8.GetString(r.Value.Span)

[<Tests>]
let tests =
    testSequencedGroup "git"
    <| testList
        "Git.Kv"
        [
            testCase "git-kv reads a clone, pushes writes as commits, pulls changes and refuses a stale write"
            <| fun () ->
                use dir = new Processes.TempDir()
                let work = Path.Combine(dir.Path, "repo")
                let bare = makeRepository work 2 4
                use daemon = new Daemon(dir.Path)
                let stack = Loopback.stack ()
                let client = GitClient.OverFlows(connectHost stack)

                task {
                    let! kv = GitKv.ConnectAsync(client, daemon.Url "repo.git")

                    let! readme = kv.GetAsync(Key.Parse "README.md")
                    Expect.equal (text readme) (File.ReadAllText(Path.Combine(work, "README.md"))) "a file of the clone"
                    let! listing = kv.ListAsync(Key.Parse "d1")

                    Expect.equal
                        [ for e in listing.Value -> string e.Key ]
                        [ "/d1/file1.txt"; "/d1/file4.txt" ]
                        "a folder, in key order"

                    let! kind = kv.ExistsAsync(Key.Parse "d1")
                    Expect.equal kind.Value (Nullable KvEntryKind.Dictionary) "a folder is a dictionary"
                    let! absent = kv.GetAsync(Key.Parse "nope")
                    Expect.equal absent.Error.Kind KvErrorKind.NotFound "a missing key"
                    let! modified = kv.LastModifiedAsync(Key.Parse "README.md")
                    Expect.equal (modified.Value.ToUnixTimeSeconds()) 1700000000L "the commit's time"

                    let! set =
                        kv.SetAsync(
                            Key.Parse "notes/new.txt",
                            ReadOnlyMemory(Encoding.UTF8.GetBytes "written by git-kv\n")
                        )

                    Expect.isNull set "set"
                    let! removed = kv.RemoveAsync(Key.Parse "d0")
                    Expect.isNull removed "remove a folder"
                    let! below = kv.SetAsync(Key.Parse "README.md/x", ReadOnlyMemory [| 1uy |])
                    Expect.equal below.Kind KvErrorKind.DictionaryExpected "below a value"
                    git bare [ "fsck"; "--strict" ] |> ignore

                    Expect.equal
                        (git bare [ "show"; "main:notes/new.txt" ])
                        "written by git-kv\n"
                        "the server has the file"

                    Expect.stringContains
                        (git bare [ "log"; "--format=%s"; "-n"; "2"; "main" ])
                        "Set /notes/new.txt"
                        "the commit is in the log"

                    Expect.equal
                        (git bare [ "ls-tree"; "--name-only"; "main" ])
                        "README.md\nd1\nd2\nnotes\n"
                        "the folder is gone on the server"

                    // Someone else pushes: our next write is refused and changes nothing here.
                    let other = Path.Combine(dir.Path, "other")
                    git dir.Path [ "clone"; "-q"; daemon.Url "repo.git"; other ] |> ignore
                    File.WriteAllText(Path.Combine(other, "README.md"), "changed elsewhere\n")
                    git other [ "commit"; "-qam"; "elsewhere" ] |> ignore
                    git other [ "push"; "-q"; "origin"; "main" ] |> ignore
                    let head = kv.Head
                    let! stale = kv.SetAsync(Key.Parse "late.txt", ReadOnlyMemory [| 1uy |])
                    Expect.equal stale.Kind KvErrorKind.Storage "a stale write is refused"
                    Expect.equal kv.Head head "the store did not move"
                    let! late = kv.ExistsAsync(Key.Parse "late.txt")
                    Expect.isFalse late.Value.HasValue "the refused write is not visible"

                    let! changes = kv.PullAsync()

                    Expect.equal
                        [ for c in changes -> c.Kind, string c.Key ]
                        [ ChangeKind.Change, "/README.md" ]
                        "pull reports the change"

                    let! readme = kv.GetAsync(Key.Parse "README.md")
                    Expect.equal (text readme) "changed elsewhere\n" "pulled"
                    let! renamed = kv.RenameAsync(Key.Parse "notes/new.txt", Key.Parse "moved.txt")
                    Expect.isNull renamed "rename after pull"
                    Expect.equal (git bare [ "show"; "main:moved.txt" ]) "written by git-kv\n" "renamed on the server"
                    git bare [ "fsck"; "--strict" ] |> ignore
                    do! stack.DisconnectAsync()
                }
                |> fun t -> t.GetAwaiter().GetResult()
        ]
