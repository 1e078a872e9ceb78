module Mirage.Tests.Dsl.Locations

open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Engine.Model

let private here = System.IO.Path.Combine(__SOURCE_DIRECTORY__, __SOURCE_FILE__)

let private expectAt (location: SourceLocation | null) (line: string) what =
    match location with
    | null -> failtestf "%s has no location" what
    | l ->
        Expect.equal l.File here $"{what}: file"
        Expect.equal (string l.Line) line $"{what}: line"

let private deviceOf (impl: abstract_impl) =
    match impl.Impl with
    | :? DeviceImpl as d -> d.Device
    | other -> failtestf "expected a device, got %O" other

[<Tests>]
let tests =
    testList
        "Dsl.Locations"
        [
            test "main, impl, runtime_arg and Key.create record where they are called" {
                let main, mainLine = main ("Unikernel.Hello", job), __LINE__
                expectAt (deviceOf main).Location mainLine "main"
                let store, storeLine = impl ("Unikernel.Store", job), __LINE__
                expectAt (deviceOf store).Location storeLine "impl"
                let hello, helloLine = runtime_arg ("hello", Runtime_arg.string "hi"), __LINE__
                expectAt hello.RuntimeArg.Location helloLine "runtime_arg"
                let key, keyLine = Key.create ("k", Key.Arg.flag (Key.Arg.info "K.")), __LINE__
                expectAt key.Key.Location keyLine "Key.create"
            }

            test "catalogue devices have no location in the config" {
                Expect.isNull (deviceOf default_sleep).Location "default_sleep"
            }
        ]
