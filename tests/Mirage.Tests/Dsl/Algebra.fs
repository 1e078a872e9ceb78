module Mirage.Tests.Dsl.Algebra

open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Devices
open Mirage.Engine.Model

/// A boxed value, as the engine holds key values.
let private o (x: 'a) : obj = nonNull (box x)

let private deviceOf (impl: abstract_impl) =
    match impl.Impl with
    | :? DeviceImpl as d -> d.Device
    | other -> failtestf "expected a device, got %O" other

let private noKeys =
    { new IKeyEnvironment with
        member _.ValueOf key = key.Default
    }

let private context (device: Device) arguments extraDeps runtimeArgs =
    ConnectContext(
        device.ModuleName,
        ResizeArray(arguments: string list),
        ResizeArray(extraDeps: string list),
        readOnlyDict runtimeArgs,
        ConfigureInfo("hello", "unix", noKeys, ResizeArray())
    )

[<Tests>]
let tests =
    testList
        "Dsl.Algebra"
        [
            test "main builds a device with its module name, functor type, packages and runtime arguments" {
                let hello =
                    runtime_arg ("hello", Runtime_arg.string "Hello World!", doc = "How to say hello.")

                let main =
                    main (
                        "Unikernel.Hello",
                        sleep @-> job,
                        runtime_args = [ hello ],
                        packages = [ package ("Foo", min = "1.0", max = "2.0") ]
                    )

                let device = deviceOf main
                Expect.equal device.ModuleName "Unikernel.Hello" "module name"
                Expect.equal device.Type (ModuleType.Functor(ModuleTypes.Sleep.Type, ModuleType.Job)) "functor type"
                Expect.equal (List.ofSeq device.Packages) [ Package("Foo", "1.0", "2.0") ] "packages"
                Expect.equal device.Packages[0].VersionRange "[1.0,2.0)" "min inclusive, max exclusive"

                let arg =
                    Expect.wantSome (Seq.tryExactlyOne device.RuntimeArgs) "one runtime argument"

                Expect.equal arg.Name "hello" "name"
                Expect.equal arg.Doc "How to say hello." "doc"
                Expect.equal arg.CSharpType "string" "C# type"

                Expect.equal
                    arg.SpecExpression
                    "Mirage.Runtime.Arguments.Arg.String(\"hello\", \"Hello World!\", \"How to say hello.\")"
                    "spec expression"
            }

            test "@-> builds curried functor types, right associative" {
                let t = sleep @-> ptime @-> job

                let expected =
                    ModuleType.Functor(
                        ModuleTypes.Sleep.Type,
                        ModuleType.Functor(ModuleTypes.PTime.Type, ModuleType.Job)
                    )

                Expect.equal t.Type expected "sleep -> (ptime -> job)"
            }

            test "$ applies a functor and types the result" {
                let main = main ("Unikernel.Hello", sleep @-> ptime @-> job)
                let applied = main $ default_sleep $ default_ptime
                Expect.equal applied.Impl.Type ModuleType.Job "job"

                match applied.Impl with
                | :? AppImpl as outer ->
                    Expect.isTrue (obj.ReferenceEquals(outer.Argument, default_ptime.Impl)) "last argument"

                    match outer.Functor with
                    | :? AppImpl as inner ->
                        Expect.isTrue (obj.ReferenceEquals(inner.Functor, main.Impl)) "the functor"
                        Expect.isTrue (obj.ReferenceEquals(inner.Argument, default_sleep.Impl)) "first argument"
                    | other -> failtestf "expected an application, got %O" other
                | other -> failtestf "expected an application, got %O" other
            }

            test "a catalogue value used twice is one device, and its old names are the same device" {
                Expect.isTrue (obj.ReferenceEquals(deviceOf default_sleep, deviceOf default_sleep)) "default_sleep"
                Expect.isTrue (obj.ReferenceEquals(deviceOf default_time, deviceOf default_sleep)) "default_time"
                Expect.isTrue (obj.ReferenceEquals(deviceOf default_posix_clock, deviceOf default_ptime)) "posix"

                Expect.isTrue
                    (obj.ReferenceEquals(deviceOf default_monotonic_clock, deviceOf default_mtime))
                    "monotonic"

                Expect.isTrue (obj.ReferenceEquals(default_sleep, Catalogue.DefaultSleep)) "the catalogue's"
            }

            test "two impl calls are two devices, even alike" {
                let a = impl ("Unikernel.Store", job)
                let b = impl ("Unikernel.Store", job)
                Expect.notEqual (deviceOf a).Id (deviceOf b).Id "two devices"
            }

            test "default_reporter makes a new device per call; no_reporter is one device" {
                Expect.notEqual (deviceOf (default_reporter ())).Id (deviceOf (default_reporter ())).Id "two reporters"
                Expect.equal (deviceOf no_reporter).Id (deviceOf no_reporter).Id "one no_reporter"
            }

            test "module types have their names, and old names are the same types" {
                let names =
                    [
                        job.Type
                        sleep.Type
                        ptime.Type
                        mtime.Type
                        random.Type
                        reporter.Type
                        argv.Type
                    ]
                    |> List.map string

                Expect.equal names [ "job"; "sleep"; "ptime"; "mtime"; "random"; "reporter"; "argv" ] "names"
                Expect.equal time sleep "time"
                Expect.equal pclock ptime "pclock"
                Expect.equal mclock mtime "mclock"
            }

            test "typ makes an abstract module type" {
                let kv: job typ = typ ("kv_ro", csharpType = "Mirage.Runtime.IKvRo")
                Expect.equal kv.Type (ModuleType.Base("kv_ro", "Mirage.Runtime.IKvRo")) "base type"
            }

            test "package takes one argument or many" {
                Expect.equal (package "duration") (Package("duration")) "name only"

                Expect.equal
                    (package ("Analyzer", build = true, assemblies = [ "A.dll" ]))
                    (Package("Analyzer", BuildOnly = true, Assemblies = ResizeArray [ "A.dll" ]))
                    "build-only with assemblies"
            }

            test "impl records keys, runtime arguments, extra dependencies and files" {
                let key = Key.create ("verbose", Key.Arg.flag (Key.Arg.info "Be verbose."))
                let count = runtime_arg ("count", Runtime_arg.int 3)

                let store =
                    impl (
                        "Unikernel.Store",
                        job,
                        keys = [ key ],
                        runtime_args = [ count ],
                        extra_deps = [ dep default_random ],
                        files = [ "data/index.txt" ]
                    )

                let device = deviceOf store
                Expect.isTrue (obj.ReferenceEquals(device.Keys[0], key.Key)) "key"
                Expect.equal device.RuntimeArgs[0] count.RuntimeArg "runtime argument"
                Expect.isTrue (obj.ReferenceEquals(device.ExtraDeps[0], default_random.Impl)) "extra dependency"
                Expect.equal (List.ofSeq device.Files) [ "data/index.txt" ] "files"
            }

            test "main's deps become extra dependencies" {
                let device =
                    deviceOf (main ("Unikernel.Main", job, deps = [ dep default_sleep; dep noop ]))

                Expect.equal (List.ofSeq device.ExtraDeps) [ default_sleep.Impl; noop.Impl ] "deps"
            }

            test "impl's connect gets the functor arguments, then extra dependencies, then runtime argument expressions" {
                let hello = runtime_arg ("hello", Runtime_arg.string "hi")
                let count = runtime_arg ("count", Runtime_arg.int 1)

                let connect (info: info) name (arguments: string list) =
                    sprintf "%s.Connect(%s) // %s on %A" name (String.concat ", " arguments) info.Name info.Target

                let device =
                    deviceOf (
                        impl (
                            "Unikernel.Store",
                            sleep @-> job,
                            runtime_args = [ hello; count ],
                            extra_deps = [ dep default_random ],
                            connect = connect
                        )
                    )

                let code =
                    device.Connect.Invoke(
                        context device [ "sleep" ] [ "random" ] [ "count", "args_count"; "hello", "args_hello" ]
                    )

                Expect.equal
                    code
                    "Unikernel.Store.Connect(sleep, random, args_hello, args_count) // hello on Unix"
                    "connect code"
            }

            test "without connect, a device is constructed with its arguments and runtime arguments by name" {
                let hello = runtime_arg ("hello", Runtime_arg.string "hi")

                let device =
                    deviceOf (main ("Unikernel.Hello", sleep @-> job, runtime_args = [ hello ]))

                let code =
                    device.Connect.Invoke(context device [ "sleep" ] [] [ "hello", "args_hello" ])

                Expect.equal code "new Unikernel.Hello(sleep, hello: args_hello)" "default connect"
            }

            test "if_impl and match_impl build the engine's choices" {
                let a = impl ("A", job)
                let b = impl ("B", job)
                let chosen = if_impl (Key.``pure`` true) a b

                match chosen.Impl with
                | :? IfImpl as i ->
                    Expect.isTrue (obj.ReferenceEquals(i.Then, a.Impl)) "then"
                    Expect.isTrue (obj.ReferenceEquals(i.Else, b.Impl)) "else"
                | other -> failtestf "expected if_impl, got %O" other

                match (match_impl Key.target [ Unix, a; Aot, b ] a).Impl with
                | :? MatchImpl as m ->
                    Expect.equal (m.Cases |> Seq.map (fun struct (v, _) -> v) |> List.ofSeq) [ o Unix; o Aot ] "cases"
                    Expect.isTrue (obj.ReferenceEquals(m.Default, a.Impl)) "default"
                | other -> failtestf "expected match_impl, got %O" other
            }
        ]
