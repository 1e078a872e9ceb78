// Keeps notes in a chamelon (littlefs) store on a disk file across runs: each run lists the notes
// kept so far and adds --note=TEXT. Make the disk once: `dd if=/dev/zero of=notes.img bs=512 count=256`,
// then run `./dist/notes --chamelon-format --note=first` the first time (the format erases the disk).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let program_block_size =
    runtime_arg ("program-block-size", Runtime_arg.int 16, doc = "The littlefs program block size.")

let note = runtime_arg ("note", Runtime_arg.opt_string, doc = "A note to keep.")

let main = main ("Unikernel.Notes", kv_rw @-> job, runtime_args = [ note ])

register ("notes", [ main $ chamelon (program_block_size, block_of_file "notes.img") ])
