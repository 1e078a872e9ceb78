/// Fetching over git:// from `git daemon` with our upload-pack client, on flows of the host-socket
/// stack: protocol v2 and v0, full and shallow, every object compared with what git stores.
module Mirage.Tests.Git.FetchTests

open System.IO
open Expecto
open Mirage.Runtime.Git
open Mirage.Runtime.Git.Objects
open Mirage.Runtime.Git.Protocol
open Mirage.Runtime.Network.Sockets
open Mirage.Tests.Support
open Mirage.Tests.Support.TestGit

let private asMap (result: FetchResult) =
    result.Objects
    |> Seq.map (fun o -> string o.Object.Id, (o.Object.Kind.Name(), int64 o.Object.Data.Length))
    |> Map.ofSeq

[<Tests>]
let tests =
    testSequencedGroup "git"
    <| testList
        "Git.Fetch"
        [
            testCase "git:// fetches, v2 and v0, full and shallow, against git daemon"
            <| fun () ->
                use dir = new Processes.TempDir()
                let bare = makeRepository (Path.Combine(dir.Path, "repo")) 4 8
                use daemon = new Daemon(dir.Path)
                let stack = Loopback.stack ()
                let client = GitClient.OverFlows(connectHost stack)
                let url = GitUrl.Parse(daemon.Url "repo.git")
                let expected = objects bare
                let head = (git bare [ "rev-parse"; "main" ]).Trim()


                task {
                    for version in [ ProtocolVersion.V2; ProtocolVersion.V0 ] do
                        let! full = client.FetchAsync(url, FetchRequest(Version = version))
                        Expect.equal full.Version version $"{version} spoken"
                        Expect.equal (asMap full) expected $"{version}: every object as git stores it"

                        let main = full.Refs |> Seq.find (fun r -> r.Name = "refs/heads/main")
                        Expect.equal (string main.Id) head $"{version}: main advertised"

                        let headRef = full.Refs |> Seq.find (fun r -> r.Name = "HEAD")
                        Expect.equal headRef.SymrefTarget "refs/heads/main" $"{version}: HEAD's target"

                        let! shallow = client.FetchAsync(url, FetchRequest(Version = version, Depth = 1))

                        Expect.equal
                            (shallow.Shallow |> Seq.map string |> List.ofSeq)
                            [ head ]
                            $"{version}: shallow at main"

                        let tip =
                            git bare [ "ls-tree"; "-r"; "-t"; "main" ]
                            |> fun s -> s.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
                            |> Array.map (fun l -> l.Split([| ' '; '\t' |])[2])
                            |> Set.ofArray
                            |> Set.add head
                            |> Set.add ((git bare [ "rev-parse"; "main^{tree}" ]).Trim())

                        Expect.equal
                            (asMap shallow |> Map.keys |> Set.ofSeq)
                            tip
                            $"{version}: the tip's commit, trees and blobs only"

                    let! missing =
                        task {
                            try
                                let! _ = client.FetchAsync(GitUrl.Parse(daemon.Url "nothing.git"), FetchRequest())
                                return "no error"
                            with
                            | :? GitRemoteException as e -> return e.Message
                            | :? GitFormatException as e -> return e.Message
                        }

                    Expect.isTrue (missing <> "no error") "a repository that is not there is an error"
                    do! stack.DisconnectAsync()
                }
                |> fun t -> t.GetAwaiter().GetResult()
        ]
