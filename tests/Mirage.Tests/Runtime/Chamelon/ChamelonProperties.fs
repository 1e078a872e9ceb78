/// chamelon agrees with kv_rw_mem: the key/value property suite's random operations give the same
/// results and leave the same contents, on a ramdisk, before and after a remount.
module Mirage.Tests.Runtime.Chamelon.ChamelonProperties

open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Block
open Mirage.Runtime.KeyValue
open Mirage.Tests.Runtime.KeyValueProperties
open Mirage.Tests.Runtime.Chamelon.Support

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 150
    }

[<Tests>]
let properties =
    testList
        "Runtime.Chamelon properties"
        [
            testPropertyWithConfig
                config
                "chamelon on a ramdisk and kv_rw_mem agree on every result and on the contents"
            <| Prop.forAll ops (fun operations ->
                let block = Ramdisk.Create 256L
                format block
                let kv = mount block
                let mem = MemKv()

                for op in operations do
                    Expect.equal (apply kv op) (apply mem op) $"the result of {op}"

                Expect.equal (dump kv Key.Empty) (dump mem Key.Empty) "the contents"
                Expect.equal (dump (mount block) Key.Empty) (dump mem Key.Empty) "the contents after a remount")
        ]
