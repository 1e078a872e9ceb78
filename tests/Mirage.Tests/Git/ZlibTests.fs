/// Where a pack object's zlib stream ends, found from its Adler-32 in the last chunk read: exact
/// whatever follows the stream, including the checksum's bytes repeated right after it.
module Mirage.Tests.Git.ZlibTests

open System
open Expecto
open FsCheck
open Mirage.Runtime.Git.Packs

let private deflate (data: byte array) = Zlib.Deflate(ReadOnlySpan data)

/// Text-like bytes (so they compress) of `length`, from `seed`.
let private sample (seed: int) (length: int) =
    let random = Random seed

    Array.init length (fun i ->
        if random.Next 4 = 0 then
            byte (random.Next 256)
        else
            byte (97 + (i % 13)))

let private inflate (input: byte array) (start: int) (size: int) =
    let mutable consumed = 0

    let output =
        Zlib.Inflate(ReadOnlyMemory input, start, int64 size, "test", &consumed)

    output, consumed

[<Tests>]
let tests =
    testList
        "Git.Zlib"
        [
            testCase "Adler-32 as zlib computes it" (fun () ->
                Expect.equal (Zlib.Adler32("Wikipedia"B)) 0x11E60398u "the classic example"
                Expect.equal (Zlib.Adler32(Array.empty<byte>)) 1u "empty")

            testPropertyWithConfig
                { FsCheckConfig.defaultConfig with
                    maxTest = 150
                }
                "a stream's end is found exactly, whatever follows it"
            <| fun (seed: int) (NonNegativeInt length) (NonNegativeInt before) (NonNegativeInt after) ->
                let data = sample seed (length % 20_000)
                let stream = deflate data
                let prefix = sample (seed + 1) (before % 50)
                let trailing = sample (seed + 2) (after % 9_000)

                let output, consumed =
                    inflate (Array.concat [ prefix; stream; trailing ]) prefix.Length data.Length

                output = data && consumed = stream.Length

            testCase "the checksum repeated after the stream: inflated again byte by byte, still exact" (fun () ->
                for length in [ 0; 10; 3_000; 50_000 ] do
                    let data = sample length length
                    let stream = deflate data
                    let checksum = stream[stream.Length - 4 ..]
                    let input = Array.concat [ stream; checksum; checksum; [| 1uy; 2uy |] ]
                    let output, consumed = inflate input 0 data.Length
                    Expect.equal output data $"{length} bytes inflated"
                    Expect.equal consumed stream.Length $"{length}: the end is the first checksum's")
        ]
