/// The chamelon device from the F# DSL: its runtime arguments, connect code and runtime library.
module Mirage.Tests.Dsl.ChamelonTests

open System
open Expecto
open Mirage
open type Mirage.Dsl

let private generate (typ: 'a typ) (device: 'a impl) =
    Mirage.Tests.Engine.SameIR.emittedFor typ device "unix" []

[<Tests>]
let tests =
    testList
        "Dsl.Chamelon"
        [
            testCase
                "chamelon: --program-block-size as given, --chamelon-format, awaited connect over the block, the runtime library"
            <| fun () ->
                let program_block_size =
                    runtime_arg ("program-block-size", Runtime_arg.int 16, doc = "littlefs program block size")

                let main, project =
                    generate kv_rw (chamelon (program_block_size, block_of_file "disk.img"))

                Expect.stringContains main "\"program-block-size\"" "the user's runtime argument"
                Expect.stringContains main "Mirage.Runtime.Chamelon.ChamelonArgs.Format()" "--chamelon-format"

                Expect.stringContains
                    main
                    "await Mirage.Runtime.Chamelon.ChamelonKv.ConnectAsync(block_of_file_"
                    "connected over the block device"

                Expect.stringContains project "Mirage.Runtime.Chamelon" "references the runtime library"

            testCase "chamelon refuses a program block size that is not an int runtime argument"
            <| fun () ->
                let wrong = runtime_arg ("program-block-size", Runtime_arg.string "16")

                Expect.throwsC
                    (fun () -> Mirage.Devices.Catalogue.Chamelon(wrong.RuntimeArg, ramdisk "r") |> ignore)
                    (fun e -> Expect.stringContains e.Message "must be an int runtime argument" "says why")
        ]
