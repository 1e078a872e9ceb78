/// What the chamelon tests share: an in-memory block device that counts what it is asked, one that
/// loses power at a chosen write, and formatting and mounting a store.
module Mirage.Tests.Runtime.Chamelon.Support

open System
open System.Threading.Tasks
open Mirage.Runtime.Block
open Mirage.Runtime.Chamelon
open Mirage.Runtime.Chamelon.Format
open Mirage.Tests.Runtime.KeyValueSupport

let sectorSize = 512

/// A block device over a byte array that records any request outside it (none should come).
type MemoryBlock(image: byte[]) =
    let sectors = int64 image.Length / int64 sectorSize
    let mutable outside = 0
    let mutable reads = 0

    new(sectors: int) = MemoryBlock(Array.zeroCreate (sectors * sectorSize))

    member _.Image = image
    /// Requests for sectors past the end.
    member _.Outside = outside
    member _.Reads = reads

    /// Copies `length` bytes at sector `start` with `copy` (given the byte offset), or counts a request outside.
    member private _.Move(start: int64, length: int, copy: int -> unit) =
        if start < 0L || start * int64 sectorSize + int64 length > int64 image.Length then
            outside <- outside + 1
            ValueTask<BlockError>(BlockError(BlockErrorKind.OutOfRange, "outside"))
        else
            copy (int start * sectorSize)
            ValueTask<BlockError>(Unchecked.defaultof<BlockError>)

    interface IBlock with
        member _.Info = BlockInfo(true, sectorSize, sectors)

        member this.ReadAsync(start, buffer, _) =
            reads <- reads + 1

            this.Move(start, buffer.Length, (fun at -> image.AsSpan(at, buffer.Length).CopyTo buffer.Span))

        member this.WriteAsync(start, buffer, _) =
            this.Move(start, buffer.Length, (fun at -> buffer.Span.CopyTo(image.AsSpan at)))

        member _.DisconnectAsync() = ValueTask.CompletedTask

/// <summary>
/// A device that loses power at its <paramref name="budget"/>-th write: that write reaches the disk
/// only as a prefix of <paramref name="torn"/> bytes (the rest of the sector keeps its old bytes, as
/// a sector written front to back and cut off), and it and every later write fail.
/// </summary>
type PowerCutBlock(inner: MemoryBlock, budget: int, torn: int) =
    let mutable writes = 0
    member _.Cut = writes >= budget

    interface IBlock with
        member _.Info = (inner :> IBlock).Info

        member _.ReadAsync(start, buffer, ct) =
            (inner :> IBlock).ReadAsync(start, buffer, ct)

        member _.WriteAsync(start, buffer, ct) =
            writes <- writes + 1

            if writes < budget then
                (inner :> IBlock).WriteAsync(start, buffer, ct)
            else
                if writes = budget then
                    let length = min torn buffer.Length
                    buffer.Span.Slice(0, length).CopyTo(inner.Image.AsSpan(int start * sectorSize))

                ValueTask<BlockError>(BlockError(BlockErrorKind.Storage, "power cut"))

        member _.DisconnectAsync() = ValueTask.CompletedTask

let programBlockSize = ChamelonKv.DefaultProgramBlockSize

let format (block: IBlock) =
    ChamelonKv.FormatAsync(block, programBlockSize).AsTask().Wait()

let mount (block: IBlock) =
    run (ChamelonKv.ConnectAsync(block, programBlockSize))

/// The store on `block`, moving a metadata pair every `cycles` compactions (0: never).
let mountWith (cycles: int) (block: IBlock) =
    run (ChamelonKv.ConnectAsync(block, programBlockSize, cycles, false, null, Threading.CancellationToken.None))

/// A freshly formatted store on a new device of <paramref name="sectors"/> sectors.
let fresh (sectors: int) =
    let block = MemoryBlock(sectors)
    format block
    block, mount block

/// Bytes 0, 1, 2, ... of length n, so any misplaced block shows.
let pattern (n: int) =
    ReadOnlyMemory(Array.init n (fun i -> byte (i * 7 + i / 251)))

/// A metadata block of revision <paramref name="revision"/> holding one commit of <paramref name="tags"/>
/// (made with the format's own encoder, so its CRC is right); None when the tags do not fit.
let metadataBlock (revision: uint32) (tags: (Tag * byte array) list) =
    let image = Array.create sectorSize 0xFFuy
    BitConverter.GetBytes(revision).CopyTo(image, 0)
    let mutable next = 0u

    let commit =
        MetadataBlock.EncodeCommit(
            Crc.Update(Crc.Initial, ReadOnlySpan(image, 0, 4)),
            4,
            programBlockSize,
            0xFFFFFFFFu,
            tags |> List.map (fun (t, d) -> struct (t, d)),
            ReadOnlySpan(image),
            &next
        )

    if 4 + commit.Length <= sectorSize then
        commit.CopyTo(image, 4)
        Some image
    else
        None
