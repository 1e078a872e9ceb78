module Mirage.Tests.Dsl.ClocksTests

open System
open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Devices
open Mirage.Engine.Model

let private deviceOf (impl: abstract_impl) =
    match impl.Impl with
    | :? DeviceImpl as d -> d.Device
    | other -> failtestf "expected a device, got %O" other

let private raisedMessage (f: unit -> unit) =
    try
        f ()
        failtest "expected an ArgumentException"
    with :? ArgumentException as e ->
        e.Message

[<Tests>]
let tests =
    testList
        "Dsl.Clocks"
        [
            testCase "mock_ptime and mock_mtime are the catalogue's shared mock clocks, typed ptime and mtime"
            <| fun () ->
                Expect.isTrue (obj.ReferenceEquals(mock_ptime, Catalogue.MockPTime)) "mock_ptime"
                Expect.isTrue (obj.ReferenceEquals(mock_mtime, Catalogue.MockMTime)) "mock_mtime"
                Expect.equal mock_ptime.Impl.Type ModuleTypes.PTime.Type "a ptime"
                Expect.equal mock_mtime.Impl.Type ModuleTypes.MTime.Type "an mtime"
                Expect.equal (deviceOf mock_mtime).ModuleName "MockMClock" "its module"

            testCase "mock clocks fill register's init roles and functor arguments"
            <| fun () ->
                let main = main ("Unikernel.Clock", ptime @-> mtime @-> job)
                let applied: job impl = main $ mock_ptime $ mock_mtime

                let registration =
                    Catalogue.Register("clock", [| applied.Impl |], ptime = mock_ptime.Impl, mtime = mock_mtime.Impl)

                let init =
                    registration.Init |> Seq.map (fun struct (role, impl) -> role, impl) |> dict

                Expect.isTrue (obj.ReferenceEquals(init[InitRole.PTime], Catalogue.MockPTime.Impl)) "the ptime role"
                Expect.isTrue (obj.ReferenceEquals(init[InitRole.MTime], Catalogue.MockMTime.Impl)) "the mtime role"

            testCase "default_app_info makes a new app_info device per call"
            <| fun () ->
                let a = default_app_info ()
                let b = default_app_info (version = "1.0.0")
                Expect.isFalse (obj.ReferenceEquals(deviceOf a, deviceOf b)) "two devices"
                Expect.equal a.Impl.Type ModuleTypes.AppInfo.Type "app_info"
                Expect.equal app_info ModuleTypes.AppInfo "the typ"
                let main = main ("Unikernel.Info", app_info @-> job)
                Expect.equal (main $ b).Impl.Type ModuleType.Job "applies to an app_info"

            testCase "local_libs become ProjectReference items relative to the config"
            <| fun () ->
                // Relative to this file, as a config's are to config.fsx.
                let device =
                    deviceOf (main ("Unikernel.Hello", job, local_libs = [ "../Mirage.Tests.fsproj" ]))

                Expect.sequenceEqual
                    device.ProjectItems
                    [ ProjectItem("ProjectReference", "../Mirage.Tests.fsproj") ]
                    "one ProjectReference"

            testCase "a local library that is not a relative path to an existing project is refused"
            <| fun () ->
                let notProject =
                    raisedMessage (fun () -> main ("Unikernel.Hello", job, local_libs = [ "Greeting" ]) |> ignore)

                Expect.stringContains notProject "ClocksTests.fs(" "names the config line"
                Expect.stringContains notProject "'Greeting' is not a project file" "says what is wrong"

                let missing =
                    raisedMessage (fun () ->
                        main ("Unikernel.Hello", job, local_libs = [ "Greeting/Greeting.csproj" ])
                        |> ignore)

                Expect.stringContains missing "'Greeting/Greeting.csproj' not found" "a missing project"

                let rooted =
                    raisedMessage (fun () ->
                        main ("Unikernel.Hello", job, local_libs = [ "/tmp/Greeting.csproj" ]) |> ignore)

                Expect.stringContains rooted "must be relative" "an absolute path"
        ]
