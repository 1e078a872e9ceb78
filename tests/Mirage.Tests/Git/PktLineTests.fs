/// The pkt-line codec: round trips (FsCheck), malformed lengths, truncated streams.
module Mirage.Tests.Git.PktLineTests

open System
open System.IO
open System.Threading
open Expecto
open FsCheck
open Mirage.Runtime.Git
open Mirage.Runtime.Git.Protocol

let private decodeAll (bytes: byte[]) =
    let lines = ResizeArray()
    let mutable rest = ReadOnlyMemory bytes
    let mutable line = Unchecked.defaultof<PktLine>
    let mutable consumed = 0

    while PktLine.TryDecode(rest, &line, &consumed) do
        lines.Add(line.Kind, line.Payload.ToArray())
        rest <- rest.Slice consumed

    List.ofSeq lines, rest.Length

let private gitError (f: unit -> unit) =
    try
        f ()
        failtest "no error"
    with :? GitFormatException as e ->
        e.Message

[<Tests>]
let tests =
    testList
        "Git.PktLine"
        [
            testProperty "lines round-trip through encode and decode"
            <| fun (payloads: byte[] list) (kinds: bool list) ->
                let lines =
                    List.zip
                        (List.truncate (min payloads.Length kinds.Length) payloads)
                        (List.truncate (min payloads.Length kinds.Length) kinds)
                    |> List.map (fun (p, data) ->
                        if data then
                            PktLine(PktKind.Data, ReadOnlyMemory(Array.truncate PktLine.MaxPayload p))
                        else
                            PktLine.Flush)

                let bytes = lines |> List.map (fun l -> l.Encode()) |> Array.concat
                let decoded, left = decodeAll bytes
                left = 0 && decoded = (lines |> List.map (fun l -> l.Kind, l.Payload.ToArray()))

            test "a data line is four hex digits of length and the payload" {
                Expect.equal (PktLine.Of("want x\n").Encode()) "000bwant x\n"B "encoded"
                Expect.equal (PktLine.Delimiter.Encode()) "0001"B "delimiter"
            }

            test "malformed lengths are errors naming what was expected" {
                Expect.stringContains
                    (gitError (fun () -> PktLine.ParseLength("zz01"B) |> ignore))
                    "four hex digits"
                    "not hex"

                Expect.stringContains
                    (gitError (fun () -> PktLine.ParseLength("0003"B) |> ignore))
                    "length 3"
                    "length 3"

                Expect.stringContains
                    (gitError (fun () -> PktLine.ParseLength("fff5"B) |> ignore))
                    "over 65520"
                    "too long"
            }

            test "a stream ending inside a line is an error, not a hang" {
                let reader = PktLineStream(new MemoryStream("0010abc"B))

                let message =
                    try
                        reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
                        |> ignore

                        "no error"
                    with :? GitFormatException as e ->
                        e.Message

                Expect.stringContains message "inside a pkt-line" "truncated"
            }

            test "mutated pkt-line streams decode or fail with GitFormatException" {
                let good =
                    [
                        PktLine.Of "version 2\n"
                        PktLine.Of "ls-refs=unborn\n"
                        PktLine.Delimiter
                        PktLine.Flush
                    ]
                    |> List.map (fun l -> l.Encode())
                    |> Array.concat

                let random = Random 5

                for _ in 1..2000 do
                    let bytes = Array.copy good
                    bytes[random.Next bytes.Length] <- byte (random.Next 256)

                    try
                        decodeAll bytes |> ignore
                    with :? GitFormatException ->
                        ()
            }
        ]
