/// What the tar store tests share: images made by GNU tar, and running it on ours.
module Mirage.Tests.Runtime.Blocks.TarSupport

open System
open System.IO
open Expecto
open Mirage.Tests.Support

/// Runs `tar` with `args` in `dir`; its standard output.
let tar (dir: string) (args: string list) =
    let result = Processes.run dir "tar" args
    Expect.equal result.ExitCode 0 $"tar {String.Join(' ', args)}: {result}"
    result.Stdout

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

/// An image of a few files (one with a long name) that GNU tar writes in `format`.
let gnuImage (format: string) =
    let dir = tempDir ()

    try
        let names = [ "a.txt"; "sub/b.txt"; String.replicate 110 "n" ]

        for name in names do
            let path = Path.Combine(dir, name)
            Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore
            File.WriteAllBytes(path, contentOf name)

        let image = Path.Combine(dir, "image.tar")

        tar dir ([ "-cf"; image; $"--format={format}"; "--blocking-factor=1" ] @ names)
        |> ignore

        Array.append (File.ReadAllBytes image) (Array.zeroCreate 2048)
    finally
        Directory.Delete(dir, true)

/// Changes one to four bytes of `image`, mostly in headers' size, type and name fields, and half the
/// time puts the checksum right again so that the change reaches the parser behind the checksum.
let mutate (random: Random) (image: byte array) =
    let headers = [ for i in 0 .. image.Length / 512 - 1 -> i * 512 ]

    for _ in 1 .. random.Next(1, 5) do
        let header = headers[random.Next headers.Length]

        let at =
            match random.Next 4 with
            | 0 -> header + 124 + random.Next 12 // size
            | 1 -> header + 156 // type
            | 2 -> header + random.Next 100 // name
            | _ -> random.Next image.Length

        image[at] <-
            match random.Next 3 with
            | 0 -> byte (random.Next 256)
            | 1 -> byte '0' + byte (random.Next 8)
            | _ -> 0uy

    if random.Next 2 = 0 then
        for header in headers do
            let block = image.AsSpan(header, 512)

            if block.IndexOfAnyExcept 0uy >= 0 then
                let mutable sum = 8 * int ' '

                for i in 0..511 do
                    if i < 148 || i >= 156 then
                        sum <- sum + int block[i]

                Text.Encoding.ASCII
                    .GetBytes($"{Convert.ToString(sum, 8).PadLeft(6, '0')}\000 ")
                    .CopyTo(block.Slice(148, 8))
