// A lottery whose high scores live on a block device, one game slot per sector
// (mirage-skeleton's device-usage/disk-lottery). Make a disk of eight slots, reset them, play:
//   dd if=/dev/zero of=disk.img count=8 && ./dist/disk-lottery --reset-all && ./dist/disk-lottery --slot=3
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let reset_all =
    runtime_arg ("reset-all", Runtime_arg.flag, doc = "Reset all state on disk and quit.")

let slot =
    runtime_arg ("slot", Runtime_arg.int64 0L, doc = "Sector to read and write game state to.")

let reset =
    runtime_arg (
        "reset",
        Runtime_arg.flag,
        doc = "Reset the state on disk at the specified slot (using --slot, default 0) and quit."
    )

let main =
    main (
        "Unikernel.Main",
        block @-> job,
        packages = [ package ("System.IO.Hashing", min = "8.0.0") ],
        runtime_args = [ reset_all; slot; reset ]
    )

register ("disk-lottery", [ main $ block_of_file "disk.img" ])
