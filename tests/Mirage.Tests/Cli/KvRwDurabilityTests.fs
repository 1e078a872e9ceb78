/// direct_kv_rw in a built unikernel, watched by strace: a write syncs its temporary file, renames
/// it, then syncs the directory; what a crash left is gone after connect; a key the directory cannot
/// hold is an error value, not a crash.
module Mirage.Tests.Cli.KvRwDurabilityTests

open System.Collections.Generic
open System.IO
open System.Text.RegularExpressions
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private config =
    """open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Store", kv_rw @-> job)

register ("store", [ main $ direct_kv_rw "store" ])
"""

let private unikernel =
    """namespace Unikernel;

using Mirage.Runtime.KeyValue;

public sealed class Store(IKvRw kv) : Mirage.Runtime.IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var set = await kv.SetAsync(Key.Parse("a/b"), "durable"u8.ToArray(), cancellationToken);
        Mirage.Runtime.Logging.Log.Info($"set: {set?.ToString() ?? "ok"}");
        var tooLong = await kv.SetAsync(Key.Parse(new string('n', 300)), "x"u8.ToArray(), cancellationToken);
        Mirage.Runtime.Logging.Log.Info($"long: {tooLong}");
    }
}
"""

/// strace's lines, a call another thread interrupted (`<unfinished ...>`, then `<... resumed>`) joined back.
let private joined (trace: string) =
    let pending = Dictionary<string, string>()

    [|
        for line in trace.Split('\n') do
            let pid = line.Split(' ')[0]

            if line.EndsWith "<unfinished ...>" then
                pending[pid] <- line.Replace("<unfinished ...>", "")
            elif line.Contains " resumed>" then
                match pending.TryGetValue pid with
                | true, start ->
                    pending.Remove pid |> ignore
                    yield start + line.Substring(line.IndexOf " resumed>" + " resumed>".Length)
                | false, _ -> ()
            else
                yield line
    |]

/// The calls of `trace` that sync, rename or open something, the store's path written STORE.
let private storeCalls (store: string) (trace: string) =
    joined trace
    |> Array.filter (fun line -> Regex.IsMatch(line, @"\b(fsync|rename\w*|openat)\("))
    |> Array.map (fun line -> line.Replace(store, "STORE"))

[<Tests>]
let tests =
    sampleTests
        "Cli.direct_kv_rw durability"
        [
            testCase "a write syncs the file, renames it, syncs the directory; leftovers go; a long key is an error"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.fsx" config |> ignore
                dir.Write "Unikernel.cs" unikernel |> ignore
                let store = Directory.CreateDirectory(Path.Combine(dir.Path, "store")).FullName
                File.WriteAllText(Path.Combine(store, ".b.0123.mirage-tmp"), "left by a crash")
                let binary = buildIn dir.Path [ "-t"; "unix" ] "store"
                let trace = Path.Combine(dir.Path, "trace")

                let result =
                    run
                        dir.Path
                        "strace"
                        [
                            "-f"
                            "-e"
                            "trace=fsync,rename,renameat,renameat2,openat"
                            "-o"
                            trace
                            binary
                        ]

                Expect.equal result.ExitCode 0 $"it ran to the end\n{result}"
                Expect.stringContains result.Stdout "set: ok" "the write succeeded"

                Expect.stringContains
                    result.Stdout
                    "long: this store cannot hold the key /nnn"
                    "the long key is refused, without crashing"

                Expect.equal
                    (Directory.GetFileSystemEntries(store, "*", SearchOption.AllDirectories)
                     |> Array.map (fun p -> Path.GetRelativePath(store, p))
                     |> Array.sort)
                    [| "a"; Path.Combine("a", "b") |]
                    "the value, and no temporary file"

                let calls = storeCalls store (File.ReadAllText trace)

                let indexOf (pattern: string) =
                    calls |> Array.findIndex (fun c -> Regex.IsMatch(c, pattern))
                // The temporary file is opened for writing, synced through the same descriptor, renamed.
                let openTemp =
                    indexOf @"openat\(.*""STORE/a/\.[0-9a-f]{32}\.mirage-tmp"".*O_WRONLY.*= (\d+)"

                let fd = Regex.Match(calls[openTemp], @"= (\d+)$").Groups[1].Value

                let rename =
                    indexOf @"rename\w*\(.*STORE/a/\.[0-9a-f]{32}\.mirage-tmp"".*""STORE/a/b"""

                let syncFile = calls |> Array.findIndex (fun c -> c.Contains $"fsync({fd})")
                Expect.isLessThan openTemp syncFile "the file is synced after it is written"
                Expect.isLessThan syncFile rename "and before the rename"

                let openDir =
                    calls
                    |> Array.findIndexBack (fun c -> Regex.IsMatch(c, @"openat\(.*""STORE/a"", O_RDONLY\) = \d+"))

                let dirFd = Regex.Match(calls[openDir], @"= (\d+)$").Groups[1].Value
                Expect.isGreaterThan openDir rename "the directory is opened after the rename"

                let shown = String.concat "\n" calls

                Expect.isTrue
                    (calls[openDir..] |> Array.exists (fun c -> c.Contains $"fsync({dirFd})"))
                    $"and synced\n{shown}"
        ]
