// The files of a FAT file system on a disk file (upstream's fat_ro): each run logs every file with its
// size and SHA-256 digest, and with --cat=PATH writes that file to the console. Make the disk with
// dosfstools and mtools: `mkfs.fat -C disk.img 1024 && mcopy -i disk.img -s files/* ::/`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let cat =
    runtime_arg ("cat", Runtime_arg.opt_string, doc = "A file to write to the console, as PATH in the image.")

let main = main ("Unikernel.Files", kv_ro @-> job, runtime_args = [ cat ])

register ("fat-files", [ main $ fat_ro (block_of_file "disk.img") ])
