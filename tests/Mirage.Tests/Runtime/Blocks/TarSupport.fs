/// What the tar store tests share: images made by GNU tar, and running it on ours.
module Mirage.Tests.Runtime.Blocks.TarSupport

open System
open System.Diagnostics
open System.IO
open Expecto

/// Runs `tar` with `args` in `dir`; its exit code and standard output.
let tar (dir: string) (args: string list) =
    let start = ProcessStartInfo("tar", args)
    start.WorkingDirectory <- dir
    start.RedirectStandardOutput <- true
    start.RedirectStandardError <- true
    use p = Process.Start start
    let output = p.StandardOutput.ReadToEnd()
    let error = p.StandardError.ReadToEnd()
    p.WaitForExit()
    Expect.equal p.ExitCode 0 $"tar {String.Join(' ', args)}: {error}"
    output

/// `image` padded with zeros to `sectors` 512-byte sectors.
let padTo (sectors: int) (image: string) =
    use file = File.OpenWrite image
    file.SetLength(int64 sectors * 512L)

/// A fresh directory.
let tempDir () =
    let dir = Path.Combine(Path.GetTempPath(), $"mirage-tar-{Guid.NewGuid():N}")
    Directory.CreateDirectory dir |> ignore
    dir

/// A file's bytes, made from its name, long enough to span sectors.
let contentOf (name: string) =
    Text.Encoding.UTF8.GetBytes(String.replicate (1 + name.Length % 7) (name + "\n"))
