/// Real git for the git tests: repositories made by the git command line (the oracle for objects,
/// packs and indexes) and `git daemon` on loopback serving them over git://.
module Mirage.Tests.Support.TestGit

open System
open System.Diagnostics
open System.IO
open System.Net
open System.Net.Sockets
open System.Threading
open System.Threading.Tasks
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Sockets
open Mirage.Tests.Support

/// Fixed identities and dates, so repositories are the same every run.
let gitEnv =
    [
        "GIT_AUTHOR_NAME", "Tester"
        "GIT_AUTHOR_EMAIL", "tester@example.test"
        "GIT_AUTHOR_DATE", "1700000000 +0100"
        "GIT_COMMITTER_NAME", "Tester"
        "GIT_COMMITTER_EMAIL", "tester@example.test"
        "GIT_COMMITTER_DATE", "1700000000 +0100"
        "GIT_CONFIG_NOSYSTEM", "1"
        "HOME", Path.GetTempPath()
    ]

/// Runs git in `dir`; a failure fails the test with git's output.
let git (dir: string) (args: string list) =
    let result =
        Processes.runWith gitEnv (TimeSpan.FromMinutes 2.) dir "git" ("-c" :: "init.defaultBranch=main" :: args)

    if result.ExitCode <> 0 then
        failwithf "git %s failed: %O" (String.Join(" ", args)) result

    result.Stdout

/// Every object git stores in `repo`: name -> (type, size).
let objects (repo: string) =
    git
        repo
        [
            "cat-file"
            "--batch-all-objects"
            "--batch-check=%(objectname) %(objecttype) %(objectsize)"
        ]
    |> fun s -> s.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun l ->
        let p = l.Split ' '
        p[0], (p[1], int64 p[2]))
    |> Map.ofArray

/// A work tree in `dir` with `commits` commits on main, each rewriting `files` files (so packs hold
/// deltas) in nested folders, and a bare clone beside it (`dir.git`) for the daemon to serve.
let makeRepository (dir: string) (commits: int) (files: int) =
    Directory.CreateDirectory dir |> ignore
    git dir [ "init"; "-q" ] |> ignore

    for c in 1..commits do
        for f in 1..files do
            let path = Path.Combine(dir, $"d{f % 3}", $"file{f}.txt")
            Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore

            let lines =
                [
                    for l in 1..40 -> $"file {f} line {l} " + (if l % 7 = c % 7 then $"edited in commit {c}" else "")
                ]

            File.WriteAllLines(path, lines)

        File.WriteAllText(Path.Combine(dir, "README.md"), $"# Test repository\n\nCommit {c}\n")
        git dir [ "add"; "-A" ] |> ignore
        git dir [ "commit"; "-q"; "-m"; $"commit {c}" ] |> ignore

    let bare = dir + ".git"
    git (Path.GetDirectoryName dir) [ "clone"; "-q"; "--bare"; dir; bare ] |> ignore
    git bare [ "repack"; "-adq" ] |> ignore
    bare

/// `git daemon` serving the bare repositories under `root` (pushes allowed), killed when disposed.
type Daemon(root: string) =
    let port = Loopback.freePort ()

    let proc =
        let args =
            [
                "daemon"
                "--reuseaddr"
                "--export-all"
                "--enable=receive-pack"
                "--informative-errors"
                $"--base-path={root}"
                "--listen=127.0.0.1"
                $"--port={port}"
                root
            ]

        let info = ProcessStartInfo("git", args, UseShellExecute = false)

        for k, v in gitEnv do
            info.Environment[k] <- v

        Process.Start info

    do
        if not (Loopback.waitStarted proc (fun () -> Loopback.accepts port)) then
            failwith "git daemon did not start"

    member _.Port = port

    /// The git:// URL of the bare repository `name` under the root.
    member _.Url(name: string) = $"git://127.0.0.1:{port}/{name}"

    interface IDisposable with
        member _.Dispose() =
            if not proc.HasExited then
                proc.Kill true
                proc.WaitForExit 5000 |> ignore

            proc.Dispose()

/// Flows to loopback through the host-socket stack, as `git_tcp` gets them from mimic.
let connectHost (stack: SocketStack) : ConnectHost =
    ConnectHost(fun host port ct ->
        task {
            let! result =
                stack.Tcp.CreateConnectionAsync(IPEndPoint(IPAddress.Parse host, port), cancellationToken = ct)

            return
                match result.Flow with
                | null -> FlowConnection.Failed(string result.Error)
                | flow -> FlowConnection.Connected flow
        }
        |> ValueTask<FlowConnection>)
