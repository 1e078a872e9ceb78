/// The fat-files sample end to end: a disk made by mkfs.fat and mcopy (dosfstools, mtools), its files
/// listed with sizes and SHA-256 digests that sha256sum agrees with, one written out by --cat.
module Mirage.Tests.Cli.FatFilesSampleTests

open System
open System.IO
open System.Security.Cryptography
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private name = "fat-files"

/// The messages of every log line.
let private messages (result: Result) =
    result.StdoutLines
    |> Array.filter (fun line -> line.Contains " [application] ")
    |> Array.map (fun line -> line.Substring(line.IndexOf("] ", StringComparison.Ordinal) + 2))

let private tool dir file args =
    let result = run dir file args
    Expect.equal result.ExitCode 0 $"{file} {args}\n{result}"

/// The line the sample logs for a file of the source tree.
let private lineOf (root: string) (path: string) =
    let bytes = File.ReadAllBytes path
    let key = Path.GetRelativePath(root, path).Replace('\\', '/')
    $"/{key} {bytes.Length} bytes sha256 {Convert.ToHexStringLower(SHA256.HashData bytes)}"

let private fatFilesOn target =
    testCase
        $"{target}: lists a mkfs.fat + mcopy disk's files as sha256sum sees them, --cat writes one; a disk without FAT is refused"
    <| fun () ->
        use temp = new TempDir()
        copySources (sampleDir name) temp.Path
        let files = Path.Combine(temp.Path, "files")
        // A file spanning many clusters beside the sample's own (a long, mixed-case name in a folder).
        let big = Array.zeroCreate<byte> 100_000
        Random(15).NextBytes big
        File.WriteAllBytes(Path.Combine(files, "docs", "random.bin"), big)
        tool temp.Path "mkfs.fat" [ "-C"; "disk.img"; "1024" ]

        tool
            temp.Path
            "mcopy"
            ([ "-i"; "disk.img"; "-s" ]
             @ (Directory.GetFileSystemEntries files |> Array.sort |> List.ofArray)
             @ [ "::/" ])

        let binary = configureAndBuild temp.Path name target []

        let listed = run temp.Path binary []
        Expect.equal listed.ExitCode 0 $"listed\n{listed}"

        let expected =
            Directory.GetFiles(files, "*", SearchOption.AllDirectories)
            |> Array.sortWith (fun a b -> String.CompareOrdinal(a, b))
            |> Array.map (lineOf files)

        Expect.equal
            (messages listed)
            (Array.append expected [| $"{expected.Length} file(s)" |])
            $"every file\n{listed}"

        let cat = run temp.Path binary [ "--cat=docs/A long name, in mixed Case.txt" ]
        Expect.equal cat.ExitCode 0 $"cat\n{cat}"
        Expect.stringContains cat.Stdout "A file in a folder, with a long name.\n" "the file's bytes"

        let missing = run temp.Path binary [ "--cat=docs/none" ]
        Expect.equal missing.ExitCode 1 $"a missing file\n{missing}"
        Expect.stringContains missing.Stdout "docs/none" $"names it\n{missing}"

        File.WriteAllBytes(Path.Combine(temp.Path, "disk.img"), Array.zeroCreate (64 * 512))
        let refused = run temp.Path binary []
        Expect.equal refused.ExitCode 1 $"no FAT\n{refused}"
        Expect.stringContains (refused.Stdout + refused.Stderr) "55 AA" $"says why\n{refused}"

[<Tests>]
let tests = sampleTests "Cli.fat-files sample" [ fatFilesOn "unix" ]
