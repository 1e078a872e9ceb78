module Mirage.Tests.Dsl.Catalogue

open System
open Expecto
open Mirage.Devices
open Mirage.Engine.Model
open Mirage.Runtime.Logging

let private deviceOf (impl: Impl) =
    match impl with
    | :? DeviceImpl as d -> d.Device
    | other -> failtestf "expected a device, got %O" other

let private connect (impl: Mirage.CSharp.AbstractImpl) (runtimeArgs: (string * string) list) =
    let keys =
        { new IKeyEnvironment with
            member _.ValueOf key = key.Default
        }

    let device = deviceOf impl.Impl

    device.Connect.Invoke(
        ConnectContext(
            device.ModuleName,
            ResizeArray(),
            ResizeArray(),
            readOnlyDict runtimeArgs,
            ConfigureInfo("hello", "unix", keys, ResizeArray())
        )
    )

let private raised<'e when 'e :> exn> (f: unit -> unit) : 'e =
    try
        f ()
        failtestf "expected %s" typeof<'e>.Name
    with :? 'e as e ->
        e

let private roles (registration: Registration) =
    registration.Init |> Seq.map (fun struct (role, _) -> role) |> List.ofSeq

let private initOf role (registration: Registration) =
    registration.Init
    |> Seq.pick (fun struct (r, impl) -> if r = role then Some impl else None)

[<Tests>]
let tests =
    testList
        "Dsl.Catalogue"
        [
            test "module types name the runtime interfaces" {
                let csharp (t: ModuleType) =
                    match t with
                    | :? ModuleType.Base as b -> b.Name, b.CSharpType
                    | other -> failtestf "expected a base type, got %O" other

                Expect.equal (csharp ModuleTypes.Sleep.Type) ("sleep", "Mirage.Runtime.Time.ISleep") "sleep"
                Expect.equal (csharp ModuleTypes.PTime.Type) ("ptime", "Mirage.Runtime.Time.IPClock") "ptime"
                Expect.equal (csharp ModuleTypes.MTime.Type) ("mtime", "Mirage.Runtime.Time.IMClock") "mtime"
                Expect.equal (csharp ModuleTypes.Random.Type) ("random", "Mirage.Runtime.Entropy.IRandom") "random"

                Expect.equal
                    (csharp ModuleTypes.Reporter.Type)
                    ("reporter", "Mirage.Runtime.Logging.IReporter")
                    "reporter"

                Expect.equal (csharp ModuleTypes.Argv.Type) ("argv", "string[]") "argv"
                Expect.equal ModuleTypes.Job.Type ModuleType.Job "job"
            }

            test "the devices connect through the runtime's API" {
                Expect.equal (connect Catalogue.DefaultSleep []) "Mirage.Runtime.Time.DefaultSleep.Connect()" "sleep"
                Expect.equal (connect Catalogue.DefaultPTime []) "Mirage.Runtime.Time.DefaultPClock.Connect()" "ptime"
                Expect.equal (connect Catalogue.DefaultMTime []) "Mirage.Runtime.Time.DefaultMClock.Connect()" "mtime"

                Expect.equal
                    (connect Catalogue.DefaultRandom [])
                    "Mirage.Runtime.Entropy.DefaultRandom.Connect()"
                    "random"

                Expect.equal
                    (connect Catalogue.NoReporter [])
                    "Mirage.Runtime.Logging.ConsoleReporter.Connect(null, null)"
                    "no reporter"

                Expect.equal (connect Catalogue.DefaultArgv []) "args" "argv"
                Expect.equal (connect Catalogue.NoArgv []) "System.Array.Empty<string>()" "no argv"
                Expect.equal (connect Catalogue.Noop []) "Mirage.Runtime.Job.Noop" "noop"
            }

            test "default_reporter declares --logs and passes it with its level" {
                let reporter = Catalogue.DefaultReporter()

                let logs =
                    Expect.wantSome (Seq.tryExactlyOne (deviceOf reporter.Impl).RuntimeArgs) "one runtime argument"

                Expect.equal logs.Name "logs" "name"
                Expect.equal logs.SpecExpression "Mirage.Runtime.Logging.LogThresholds.Argument" "spec"
                Expect.equal logs.CSharpType "Mirage.Runtime.Logging.LogThresholds?" "type"

                Expect.equal
                    (connect reporter [ "logs", "args.Logs" ])
                    "Mirage.Runtime.Logging.ConsoleReporter.Connect(Mirage.Runtime.Logging.LogLevel.Info, args.Logs)"
                    "info by default"

                Expect.equal
                    (connect (Catalogue.DefaultReporter(Nullable LogLevel.Debug)) [ "logs", "l" ])
                    "Mirage.Runtime.Logging.ConsoleReporter.Connect(Mirage.Runtime.Logging.LogLevel.Debug, l)"
                    "debug"

                Expect.equal
                    (connect (Catalogue.DefaultReporter(Nullable())) [ "logs", "l" ])
                    "Mirage.Runtime.Logging.ConsoleReporter.Connect(null, l)"
                    "no level"
            }

            test "Register fills the init devices upstream defaults to, in role order" {
                let registration = Catalogue.Register("hello", [ Catalogue.Noop.Impl ])

                Expect.equal
                    (roles registration)
                    [
                        InitRole.Argv
                        InitRole.Reporter
                        InitRole.Sleep
                        InitRole.PTime
                        InitRole.MTime
                        InitRole.Random
                    ]
                    "roles"

                Expect.equal (initOf InitRole.Argv registration) Catalogue.DefaultArgv.Impl "argv"
                Expect.equal (initOf InitRole.Sleep registration) Catalogue.DefaultSleep.Impl "sleep"
                Expect.equal (initOf InitRole.PTime registration) Catalogue.DefaultPTime.Impl "ptime"
                Expect.equal (initOf InitRole.MTime registration) Catalogue.DefaultMTime.Impl "mtime"
                Expect.equal (initOf InitRole.Random registration) Catalogue.DefaultRandom.Impl "random"
                let reporter = initOf InitRole.Reporter registration
                Expect.equal (deviceOf reporter).ModuleName "ConsoleReporter" "a default reporter"

                let other =
                    initOf InitRole.Reporter (Catalogue.Register("hello", [ Catalogue.Noop.Impl ]))

                Expect.notEqual (deviceOf reporter).Id (deviceOf other).Id "a new reporter per registration"
            }

            test "Register keeps the overrides" {
                let registration =
                    Catalogue.Register(
                        "hello",
                        [ Catalogue.Noop.Impl ],
                        argv = Catalogue.NoArgv.Impl,
                        reporter = Catalogue.NoReporter.Impl
                    )

                Expect.equal (initOf InitRole.Argv registration) Catalogue.NoArgv.Impl "argv"
                Expect.equal (initOf InitRole.Reporter registration) Catalogue.NoReporter.Impl "reporter"
            }

            test "Register refuses an override of the wrong module type, naming the role and both types" {
                let error =
                    raised<ArgumentException>(fun () ->
                        Catalogue.Register("hello", [ Catalogue.Noop.Impl ], reporter = Catalogue.DefaultSleep.Impl)
                        |> ignore)

                Expect.stringContains error.Message "reporter device has type sleep" "role and given type"
                Expect.stringContains error.Message "expects type reporter" "expected type"
            }

            test "Register refuses a job that is not a job" {
                let error =
                    raised<ArgumentException>(fun () ->
                        Catalogue.Register("hello", [ Catalogue.Noop.Impl; Catalogue.DefaultSleep.Impl ])
                        |> ignore)

                Expect.stringContains error.Message "job 2 of 'hello' has type sleep" "which job"
            }
        ]
