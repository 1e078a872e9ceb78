/// Wear: metadata pairs move to fresh blocks every block_cycles compactions (littlefs's wear levelling),
/// and the superblock pair hands the root directory's entries to a pair of their own, so a busy
/// directory spreads its writes over the device instead of wearing out two blocks.
module Mirage.Tests.Runtime.Chamelon.ChamelonWear

open System
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Block
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueSupport
open Mirage.Tests.Runtime.Chamelon.Support

/// A device that counts the writes each sector takes.
type private CountingBlock(inner: MemoryBlock) =
    let writes = Array.zeroCreate<int>(inner.Image.Length / sectorSize)
    member _.Writes = writes

    interface IBlock with
        member _.Info = (inner :> IBlock).Info

        member _.ReadAsync(start, buffer, ct) =
            (inner :> IBlock).ReadAsync(start, buffer, ct)

        member _.WriteAsync(start, buffer, ct) =
            for sector in int start .. int start + buffer.Length / sectorSize - 1 do
                writes[sector] <- writes[sector] + 1

            (inner :> IBlock).WriteAsync(start, buffer, ct)

        member _.DisconnectAsync() = ValueTask.CompletedTask

/// Overwrites a value in a directory and one in the root, `rounds` times each, on a store moving pairs every
/// `cycles` compactions; the writes per sector, and what a remount reads.
let private churn cycles rounds =
    let disk = MemoryBlock 128
    format disk
    let device = CountingBlock disk
    let kv = mountWith cycles device

    for i in 1..rounds do
        kv.SetAsync(key "dir/value", bytes $"value {i}") |> run |> noError
        kv.SetAsync(key "top", bytes $"top {i}") |> run |> noError

    device.Writes, mountWith cycles disk

[<Tests>]
let tests =
    testList
        "Runtime.Chamelon wear"
        [
            test "pairs move: no block takes most writes, blocks 0 and 1 few; everything reads back" {
                let rounds = 1000
                let fixedPairs, _ = churn 0 rounds
                let moving, after = churn 8 rounds

                Expect.equal
                    (after.GetAsync(key "dir/value") |> run |> ok |> text)
                    $"value {rounds}"
                    "the directory's value"

                Expect.equal (after.GetAsync(key "top") |> run |> ok |> text) $"top {rounds}" "the root's value"

                let busiest (writes: int array) = Array.max writes
                let superblock (writes: int array) = writes[0] + writes[1]

                // Without moves, the directory's pair and the superblock pair take every commit between them.
                Expect.isGreaterThan
                    (busiest fixedPairs)
                    (rounds / 4)
                    $"without moves, a block is busy ({busiest fixedPairs})"

                Expect.isLessThan
                    (busiest moving * 3)
                    (busiest fixedPairs)
                    $"with moves, the busiest block takes a third of that or less ({busiest moving} vs {busiest fixedPairs})"

                Expect.isLessThan
                    (superblock moving * 5)
                    (superblock fixedPairs)
                    $"the superblock pair is left alone ({superblock moving} vs {superblock fixedPairs} writes)"

                let used (writes: int array) =
                    writes |> Array.filter (fun n -> n > 0) |> Array.length

                Expect.isGreaterThan
                    (used moving)
                    (3 * used fixedPairs)
                    $"writes spread over more blocks ({used moving} of 128 written, {used fixedPairs} without moves)"
            }
        ]
