/// fat_ro from both front ends: the connect code each emits, the same from C# as from F#, and the
/// runtime library it adds to the project.
module Mirage.Tests.Facade.FatFacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var main = Main("Unikernel.Main", Typ.KvRo.To(Typ.Job));"""
            """return Register("fat", [main.Apply(Devices.FatRo(Devices.BlockOfFile("disk.img")))]);"""
        ]

let private fsharp () =
    let main = Dsl.main ("Unikernel.Main", Dsl.kv_ro @-> Dsl.job)
    Mirage.Devices.Catalogue.Register("fat", [| (main $ Dsl.fat_ro (Dsl.block_of_file "disk.img")).Impl |])

[<Tests>]
let tests =
    testList
        "Facade.FatRo"
        [
            testCase "FatRo emits what its F# twin fat_ro does"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromFSharp "unix" []
                Expect.equal (emitted fromCSharp "unix" []) (main, project) "same main.cs and project"

                Expect.stringContains
                    main
                    "await Mirage.Runtime.Fat.FatKvRo.ConnectAsync(block_of_file_"
                    "fat_ro over the block"

                Expect.stringContains project "Mirage.Runtime.Fat" "the FAT runtime linked"

            testCase "fat_ro is a kv_ro, no kv_rw: the facade's types catch it"
            <| fun () ->
                let code, _, message =
                    singleError (csharp.Replace("Typ.KvRo.To(Typ.Job)", "Typ.KvRw.To(Typ.Job)"))

                Expect.equal code "CS1503" $"a type error ({message})"
                Expect.stringContains message "KvRw" "names the expected type"
        ]
