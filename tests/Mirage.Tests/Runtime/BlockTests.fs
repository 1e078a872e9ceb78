/// Block devices: a file of sectors and a ramdisk, their errors, and read-after-write over random writes.
module Mirage.Tests.Runtime.BlockTests

open System
open System.IO
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime
open Mirage.Runtime.Block

let private run (t: ValueTask<'a>) = t.AsTask().GetAwaiter().GetResult()

let private tempImage (length: int) =
    let path = Path.Combine(Path.GetTempPath(), $"mirage-block-{Guid.NewGuid():N}.img")
    File.WriteAllBytes(path, Array.zeroCreate length)
    path

let private raises<'e when 'e :> exn> (f: unit -> unit) : 'e =
    try
        f ()
        failtestf "expected %s" typeof<'e>.Name
    with :? 'e as e ->
        e

let private kindOf (error: 'e) =
    match box error with
    | :? BlockError as e -> Some e.Kind
    | _ -> None

/// Checks `make` against a model array over random whole-sector writes, then reads everything back.
let private readAfterWrite (make: int -> IBlock) (writes: (int * int * byte) list) =
    let sectors = 16
    let block = make sectors
    let model = Array.zeroCreate<byte>(sectors * 512)

    for start, count, fill in writes do
        let start = abs start % (sectors + 2)
        let count = 1 + abs count % 4
        let data = Array.init (count * 512) (fun i -> fill + byte i)
        let result = block.WriteAsync(int64 start, ReadOnlyMemory<byte>(data)) |> run

        if start + count <= sectors then
            Expect.equal (kindOf result) None $"write {count} at {start}"
            Array.blit data 0 model (start * 512) data.Length
        else
            Expect.equal (kindOf result) (Some BlockErrorKind.OutOfRange) $"write {count} at {start} is out of range"

    let all = Array.zeroCreate<byte>(sectors * 512)
    Expect.equal (block.ReadAsync(0L, Memory<byte>(all)) |> run |> kindOf) None "read everything"
    Expect.equal all model "what was written, and zeros elsewhere"

[<Tests>]
let tests =
    testList
        "Runtime.Block"
        [
            test "block_of_file: 512-byte sectors of an existing file, written through to the file" {
                let image = tempImage (8 * 512)
                let block = FileBlock.Connect image
                Expect.equal block.Info (BlockInfo(true, 512, 8L)) "info"
                let data = Array.init 1024 byte

                Expect.equal
                    (block.WriteAsync(6L, ReadOnlyMemory<byte>(data)) |> run |> kindOf)
                    None
                    "write the last two sectors"

                Expect.equal (File.ReadAllBytes(image)[6 * 512 ..]) data "on disk"
                let back = Array.zeroCreate 512
                Expect.equal (block.ReadAsync(7L, Memory<byte>(back)) |> run |> kindOf) None "read"
                Expect.equal back data[512..] "read back"
                block.DisconnectAsync().AsTask().Wait()
                File.Delete image
            }

            test "out of range reads and writes are errors, and write nothing" {
                let image = tempImage (8 * 512)
                let block = FileBlock.Connect image
                let data = Array.create 1024 0xAAuy
                let error = block.WriteAsync(7L, ReadOnlyMemory<byte>(data)) |> run
                Expect.equal (kindOf error) (Some BlockErrorKind.OutOfRange) "7..8 of 0..7"
                Expect.stringContains (string error) "sectors 7..8 are not on the device (sectors 0..7)" "says which"
                Expect.isTrue (File.ReadAllBytes image |> Array.forall ((=) 0uy)) "nothing written"

                Expect.equal
                    (block.ReadAsync(8L, Memory<byte>(Array.zeroCreate 512)) |> run |> kindOf)
                    (Some BlockErrorKind.OutOfRange)
                    "read past the end"

                Expect.equal
                    (block.ReadAsync(-1L, Memory<byte>(Array.zeroCreate 512)) |> run |> kindOf)
                    (Some BlockErrorKind.OutOfRange)
                    "negative"

                Expect.equal (File.ReadAllBytes(image).Length) (8 * 512) "the file did not grow"
                block.DisconnectAsync().AsTask().Wait()
                File.Delete image
            }

            test "a buffer that is not whole sectors is a bug: ArgumentException" {
                let block = Ramdisk.Create 4L

                raises<ArgumentException>(fun () ->
                    block.ReadAsync(0L, Memory<byte>(Array.zeroCreate 100)) |> run |> ignore)
                |> ignore
            }

            test "after disconnect, reads and writes are Disconnected" {
                let image = tempImage 512
                let block = FileBlock.Connect image
                block.DisconnectAsync().AsTask().Wait()

                Expect.equal
                    (block.ReadAsync(0L, Memory<byte>(Array.zeroCreate 512)) |> run |> kindOf)
                    (Some BlockErrorKind.Disconnected)
                    "read"

                Expect.equal
                    (block.WriteAsync(0L, ReadOnlyMemory<byte>(Array.zeroCreate 512))
                     |> run
                     |> kindOf)
                    (Some BlockErrorKind.Disconnected)
                    "write"

                File.Delete image
            }

            test "a missing file, a directory, a truncated image: connect fails with a message naming the file" {
                let missing =
                    Path.Combine(Path.GetTempPath(), $"mirage-missing-{Guid.NewGuid():N}.img")

                let e = raises<FileNotFoundException>(fun () -> FileBlock.Connect missing |> ignore)
                Expect.stringContains e.Message $"block_of_file: the disk image '{missing}'" "names it"
                Expect.stringContains e.Message "does not exist" "says why"

                let d =
                    raises<IOException>(fun () -> FileBlock.Connect(Path.GetTempPath()) |> ignore)

                Expect.stringContains d.Message "is a directory, not a disk image" "a directory"
                let image = tempImage 1000
                let t = raises<IOException>(fun () -> FileBlock.Connect image |> ignore)
                Expect.stringContains t.Message "is 1000 bytes long, not a whole number of 512-byte sectors" "truncated"
                File.Delete image
            }

            test "ramdisks of one name share their sectors; fresh sectors are zeros" {
                let name = Guid.NewGuid().ToString()
                let a = Ramdisk.Connect name
                Expect.equal a.Info (BlockInfo(true, 512, 32768L)) "16 MiB"
                let zeros = Array.create 512 1uy
                Expect.equal (a.ReadAsync(5L, Memory<byte>(zeros)) |> run |> kindOf) None "read"
                Expect.isTrue (Array.forall ((=) 0uy) zeros) "zeros"
                a.WriteAsync(5L, ReadOnlyMemory<byte>(Array.create 512 7uy)) |> run |> ignore
                let b = Ramdisk.Connect name
                let back = Array.zeroCreate 512
                b.ReadAsync(5L, Memory<byte>(back)) |> run |> ignore
                Expect.equal back (Array.create 512 7uy) "the same disk"
                let other = Ramdisk.Connect(name + "-other")
                other.ReadAsync(5L, Memory<byte>(back)) |> run |> ignore
                Expect.isTrue (Array.forall ((=) 0uy) back) "another name, another disk"
            }

            testProperty "ramdisk: reads return what was written"
            <| fun (writes: (int * int * byte) list) -> readAfterWrite (fun n -> Ramdisk.Create(int64 n)) writes

            testPropertyWithConfig
                { FsCheckConfig.defaultConfig with
                    maxTest = 50
                }
                "block_of_file: reads return what was written"
            <| fun (writes: (int * int * byte) list) ->
                let image = tempImage (16 * 512)

                try
                    readAfterWrite (fun _ -> FileBlock.Connect image) writes
                finally
                    File.Delete image
        ]

[<Tests>]
let exits =
    testList
        "Runtime.Block exit codes"
        [
            test "UnikernelExitException ends the unikernel with its code, logging nothing" {
                let code =
                    Unikernel
                        .RunAsync(
                            "exit-test",
                            fun token ->
                                Unikernel.StartJobsAsync(
                                    token,
                                    Job.Create(fun _ -> task { raise (UnikernelExitException 6) })
                                )
                        )
                        .GetAwaiter()
                        .GetResult()

                Expect.equal code 6 "the chosen code"

                raises<ArgumentOutOfRangeException>(fun () -> UnikernelExitException 256 |> ignore)
                |> ignore

                raises<ArgumentOutOfRangeException>(fun () -> UnikernelExitException -1 |> ignore)
                |> ignore
            }
        ]
