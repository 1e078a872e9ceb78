/// The storage samples end to end on every target: block, disk-lottery and kv_ro, as a user runs them.
module Mirage.Tests.Cli.StorageSampleTests

open System
open System.Buffers.Binary
open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

/// CRC-32 (IEEE, reflected, as zlib), bit by bit: an independent check of the sample's checksum.
let private crc32 (data: byte array) =
    let mutable crc = 0xFFFFFFFFu

    for b in data do
        crc <- crc ^^^ uint32 b

        for _ in 1..8 do
            crc <-
                if crc &&& 1u <> 0u then
                    (crc >>> 1) ^^^ 0xEDB88320u
                else
                    crc >>> 1

    ~~~crc

/// A disk image of `sectors` zero sectors in the sample's folder.
let private zeroDisk name sectors =
    let image = Path.Combine(sampleDir name, "disk.img")
    File.WriteAllBytes(image, Array.zeroCreate (sectors * 512))
    image

/// The messages of every log line (any level, any source).
let private messages (result: Result) =
    result.StdoutLines
    |> Array.map (fun line -> line.Substring(line.IndexOf(' ') + 1))

let private storageOn target =
    testList
        target
        [
            testCase "block: 10 checks of a disk file, all passed; a missing or truncated image is an error message"
            <| fun () ->
                let dir = sampleDir "block"
                let binary = build "block" target
                let image = zeroDisk "block" 100000

                try
                    let result = run dir binary []
                    Expect.equal result.ExitCode 0 $"exit code\n{result}"
                    let lines = messages result

                    Expect.contains
                        lines
                        "INF [application] sector_size=512 size_sectors=100000 read_write=true"
                        "the disk's info"

                    Expect.contains lines "INF [application] Total tests started: 10" "ten checks"
                    Expect.contains lines "INF [application] Total tests passed:  10" "all passed"
                    Expect.contains lines "INF [application] Total tests failed:  0" "none failed"

                    let firstSector = File.ReadAllBytes(image)[0..511]

                    Expect.equal
                        (Text.Encoding.ASCII.GetString firstSector[0..15])
                        "0: All work and "
                        "the pattern is on disk"

                    File.WriteAllBytes(image, Array.zeroCreate 1000)
                    let truncated = run dir binary []
                    Expect.equal truncated.ExitCode 1 $"truncated\n{truncated}"

                    Expect.stringContains
                        truncated.Stdout
                        "is 1000 bytes long, not a whole number of 512-byte sectors"
                        "says why"

                    File.Delete image
                    let missing = run dir binary []
                    Expect.equal missing.ExitCode 1 $"missing\n{missing}"
                    Expect.stringContains missing.Stdout "the disk image 'disk.img'" "names the file"
                    Expect.stringContains missing.Stdout "does not exist" "says why"
                finally
                    File.Delete image

            testCase "disk-lottery: bad magic exits 6, a bad slot 5; resets and games persist on disk"
            <| fun () ->
                let dir = sampleDir "disk-lottery"
                let binary = build "disk-lottery" target
                let image = zeroDisk "disk-lottery" 8

                let hiscoreOf slot =
                    let sector = File.ReadAllBytes(image)[slot * 512 .. slot * 512 + 511]
                    Expect.equal (Text.Encoding.ASCII.GetString sector[0..3]) "LOTO" $"magic of slot {slot}"
                    let crc = BinaryPrimitives.ReadUInt32BigEndian(ReadOnlySpan sector[8..11])

                    Expect.equal crc (crc32 sector[0..7]) $"CRC-32 of slot {slot}"

                    Expect.isTrue (Array.forall ((=) 0uy) sector[12..]) "the rest is zeros"
                    BinaryPrimitives.ReadUInt32BigEndian(ReadOnlySpan sector[4..7])

                try
                    let fresh = run dir binary []
                    Expect.equal fresh.ExitCode 6 $"bad magic\n{fresh}"

                    Expect.stringContains
                        fresh.Stdout
                        "Error reading state: bad magic; is this lottery data?"
                        "says why"

                    let badSlot = run dir binary [ "--slot=8" ]
                    Expect.equal badSlot.ExitCode 5 $"bad slot\n{badSlot}"
                    Expect.stringContains badSlot.Stdout "Invalid sector 8" "says why"
                    let resetOne = run dir binary [ "--reset"; "--slot=4" ]
                    Expect.equal resetOne.ExitCode 0 $"reset\n{resetOne}"
                    Expect.stringContains resetOne.Stdout "APP [application] Reset game slot 4." "reset"
                    Expect.equal (hiscoreOf 4) 0u "slot 4 initialised"
                    let resetAll = run dir binary [ "--reset-all" ]
                    Expect.stringContains resetAll.Stdout "All 8 game slots reset." "all reset"

                    let mutable hiscore = 0u

                    for _ in 1..3 do
                        let game = run dir binary [ "--slot=3" ]
                        Expect.equal game.ExitCode 0 $"game\n{game}"
                        Expect.stringContains game.Stdout "Thank you for playing! Exiting..." "played"
                        let stored = hiscoreOf 3
                        Expect.isGreaterThanOrEqual stored hiscore "the high score never goes down"

                        if stored > hiscore then
                            Expect.stringContains
                                game.Stdout
                                $"YOU WON! You beat the old high score {hiscore} with {stored}!"
                                "a win"

                        hiscore <- stored

                    Expect.equal (hiscoreOf 0) 0u "other slots untouched"
                    let bytes = File.ReadAllBytes image
                    bytes[3 * 512 + 5] <- bytes[3 * 512 + 5] ^^^ 0xFFuy
                    File.WriteAllBytes(image, bytes)
                    let corrupt = run dir binary [ "--slot=3" ]
                    Expect.equal corrupt.ExitCode 6 $"corrupt\n{corrupt}"
                    Expect.stringContains corrupt.Stdout "bad checksum" "says why"
                finally
                    File.Delete image

            testCase "kv_ro: with crunch the file is read as built, with direct as it is now"
            <| fun () ->
                let dir = sampleDir "kv_ro"
                let secret = Path.Combine(dir, "t", "secret")
                let original = File.ReadAllText secret

                let confirmed =
                    "INF [application] Contents of extremely secret vital storage confirmed!"

                let mismatch = "WRN [application] The secret provided does not match!"

                let configureAndBuild kind =
                    let configure = mirage dir [ "configure"; "-t"; target; $"--kv_ro={kind}" ]
                    Expect.equal configure.ExitCode 0 $"configure --kv_ro={kind}\n{configure}"
                    let built = mirage dir [ "build" ]
                    Expect.equal built.ExitCode 0 $"build ({kind})\n{built}"
                    Path.Combine(dir, "dist", "kv_ro")

                try
                    let crunched = configureAndBuild "crunch"
                    Expect.equal (messages (run dir crunched [])) [| confirmed |] "crunch: confirmed"
                    File.WriteAllText(secret, "changed after the build\n")
                    Expect.equal (messages (run dir crunched [])) [| confirmed |] "crunch: the build's copy"
                    let elsewhere = run (Path.GetTempPath()) crunched []
                    Expect.equal (messages elsewhere) [| confirmed |] "crunch: needs no directory at run time"
                    File.WriteAllText(secret, original)
                    let direct = configureAndBuild "direct"
                    Expect.equal (messages (run dir direct [])) [| confirmed |] "direct: confirmed"
                    File.WriteAllText(secret, "changed after the build\n")
                    Expect.equal (messages (run dir direct [])) [| mismatch |] "direct: the file as it is now"
                    let nowhere = run (Path.GetTempPath()) direct []
                    Expect.equal nowhere.ExitCode 1 $"direct without t/\n{nowhere}"
                    Expect.stringContains nowhere.Stdout "direct_kv_ro: 't' is not a directory" "says why"
                finally
                    File.WriteAllText(secret, original)
                    mirage dir [ "configure"; "-t"; target ] |> ignore
        ]

[<Tests>]
let tests = sampleTests "Cli.storage samples" [ storageOn "unix"; storageOn "aot" ]
