// Writes and reads back sectors of a block device, including sectors beyond its end
// (mirage-skeleton's device-usage/block). The disk is a file: `dd if=/dev/zero of=disk.img count=100000`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Main", block @-> job)

register ("block", [ main $ block_of_file "disk.img" ])
