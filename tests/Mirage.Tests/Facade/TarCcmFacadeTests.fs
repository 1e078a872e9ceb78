/// tar_kv_ro, tar_kv_rw and ccm_block from both front ends: the connect code each emits, the same
/// from C# as from F#, and the runtime library each adds to the project.
module Mirage.Tests.Facade.TarCcmFacadeTests

open System
open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var key = RuntimeArg("aes-ccm-key", ArgKind.RequiredString(), doc: "The AES-CCM key, in hex.");"""
            """var main = Main("Unikernel.Main", Typ.KvRo.To(Typ.KvRw.To(Typ.Job)));"""
            """var disk = Devices.CcmBlock(key, Devices.BlockOfFile("disk.img"), nonceLen: 12);"""
            """return Register("stores", [main.Apply(Devices.TarKvRo(Devices.BlockOfFile("site.tar"))).Apply(Devices.TarKvRw(disk))]);"""
        ]

let private fsharp () =
    let key =
        Dsl.runtime_arg ("aes-ccm-key", Runtime_arg.required_string, doc = "The AES-CCM key, in hex.")

    let main = Dsl.main ("Unikernel.Main", Dsl.kv_ro @-> Dsl.kv_rw @-> Dsl.job)
    let disk = Dsl.ccm_block (key, Dsl.block_of_file "disk.img", nonce_len = 12)

    Mirage.Devices.Catalogue.Register(
        "stores",
        [|
            (main $ Dsl.tar_kv_ro (Dsl.block_of_file "site.tar") $ Dsl.tar_kv_rw disk).Impl
        |]
    )

[<Tests>]
let tests =
    testList
        "Facade.BlockStores"
        [
            testCase "TarKvRo, TarKvRw and CcmBlock emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromFSharp "unix" []
                Expect.equal (emitted fromCSharp "unix" []) (main, project) "same main.cs and project"
                Expect.stringContains main "await Mirage.Runtime.Tar.TarKvRo.ConnectAsync(block_of_file_" "tar_kv_ro"

                Expect.stringContains
                    main
                    "await Mirage.Runtime.Tar.TarKvRw.ConnectAsync(ccm_block_"
                    "tar_kv_rw over ccm_block"

                Expect.stringContains main "Mirage.Runtime.Ccm.CcmBlock.Connect(block_of_file_" "ccm_block"
                Expect.stringContains main ", 12)" "the nonce length"
                Expect.stringContains main "aes-ccm-key" "the key is a runtime argument"
                Expect.stringContains project "Mirage.Runtime.Tar" "the tar runtime linked"
                Expect.stringContains project "Mirage.Runtime.Ccm" "the ccm runtime linked"

            testCase "ccm_block refuses a nonce length AES-CCM does not have"
            <| fun () ->
                let key = Dsl.runtime_arg ("k", Runtime_arg.required_string)

                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> Dsl.ccm_block (key, Dsl.ramdisk "r", nonce_len = 6) |> ignore)
                    "nonce_len = 6"

            testCase "a tar store is no block device: the facade's types catch it"
            <| fun () ->
                let code, _, message =
                    singleError (csharp.Replace("Devices.TarKvRw(disk)", "Devices.TarKvRo(disk)"))

                Expect.equal code "CS1503" $"a type error ({message})"
                Expect.stringContains message "KvRw" "names the expected type"
        ]
