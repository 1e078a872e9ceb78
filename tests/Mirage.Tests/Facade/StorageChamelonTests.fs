/// The chamelon device of the C# facade against its F# twin.
module Mirage.Tests.Facade.StorageChamelonTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var size = RuntimeArg("program-block-size", ArgKind.Int(16));"""
            """var main = Main("Unikernel.Notes", Typ.KvRw.To(Typ.Job));"""
            """return Register("notes", [main.Apply(Devices.Chamelon(size, Devices.BlockOfFile("notes.img")))]);"""
        ]

let private fsharp () =
    let size = Dsl.runtime_arg ("program-block-size", Runtime_arg.int 16)
    let main = Dsl.main ("Unikernel.Notes", Dsl.kv_rw @-> Dsl.job)
    Mirage.Devices.Catalogue.Register("notes", [| (main $ Dsl.chamelon (size, Dsl.block_of_file "notes.img")).Impl |])

[<Tests>]
let tests =
    testList
        "Facade.Chamelon"
        [
            testCase "Chamelon emits what its F# twin does"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "unix" []
                Expect.equal (main, project) (emitted fromFSharp "unix" []) "same main.cs and project"
                Expect.stringContains main "ChamelonKv.ConnectAsync" "the chamelon store"
        ]
