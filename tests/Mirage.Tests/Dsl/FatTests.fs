/// fat_ro in the F# eDSL: the connect code it emits over its block device, and the runtime library.
module Mirage.Tests.Dsl.FatTests

open Expecto
open Mirage
open type Mirage.Dsl

[<Tests>]
let tests =
    testList
        "Dsl.Fat"
        [
            testCase "fat_ro: an awaited connect over the block, once per device, the runtime library"
            <| fun () ->
                let main, project =
                    Mirage.Tests.Engine.SameIR.emittedFor kv_ro (fat_ro (ramdisk "files")) "unix" []

                Expect.stringContains
                    main
                    "await Mirage.Runtime.Fat.FatKvRo.ConnectAsync(ramdisk_"
                    "connected over the ramdisk"

                Expect.stringContains project "Mirage.Runtime.Fat" "references the runtime library"

                let twice, _ =
                    Mirage.Tests.Engine.SameIR.emittedFor kv_ro (fat_ro (block_of_file "files.img")) "unix" []

                Expect.stringContains twice "FatKvRo.ConnectAsync(block_of_file_" "over a block file too"
                Expect.isFalse (twice.Contains "ramdisk_") "no device of the other config"
        ]
