/// The C# facade: a C# configuration is checked by the C# compiler like config.fsx is by F#'s, and
/// builds the same engine values as the F# eDSL, so the two front ends emit the same code.
module Mirage.Tests.Facade.FacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

/// A config whose `Build` registers `hello` with the given jobs, after the given statements.
let private config (statements: string) (application: string) =
    $"""
using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

public sealed class Store {{ private Store() {{ }} }}

public static class Config
{{
    public static Mirage.Engine.Model.Registration Build()
    {{
        var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));
        {statements}
        return Register("hello", [{application}]);
    }}
}}
"""

/// The line of `application` in `config`.
let private applicationLine = 13

/// Every part of the algebra at once, in C#: keys of three kinds, a runtime argument, packages of
/// every kind, devices of a type of its own with custom connect code, if_impl, match_impl on the
/// target, curried application, deps and init devices.
let private fullCSharp =
    """
using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

public sealed class Store { private Store() { } }

public static class Config
{
    public static Mirage.Engine.Model.Registration Build()
    {
        var verbose = Key.Create("verbose", Key.Arg.Flag(Key.Arg.Info("Log more.")));
        var size = Key.Create("size", Key.Arg.Opt(Key.Arg.Enum(("small", 1), ("large", 2)), 1, Key.Arg.Info("How big.")));
        var greeting = Key.Create("greeting", Key.Arg.Opt(Key.Arg.String, "hi", Key.Arg.Info("What to say.", docv: "WORDS")));
        var hello = RuntimeArg("hello", ArgKind.String("Hello World!"), doc: "How to say hello.");
        var store = Typ.Of<Store>("store", "Unikernel.IStore");
        var small = Impl("Unikernel.SmallStore", store, packages: [Package("Small.Store", min: "1.0", max: "2.0")]);
        var large = Impl(
            "Unikernel.LargeStore",
            store,
            keys: [size, greeting],
            runtimeArgs: [hello],
            extraDeps: [Devices.DefaultMTime],
            connect: (info, name, args) => $"new {name}({info.Get(size)}, \"{info.Get(greeting)}\", {string.Join(", ", args)}, \"{info.Target}\")");
        var chosen = IfImpl(verbose.Value & !Key.Pure(false), large, MatchImpl(Key.Target, [(Target.Aot, small)], large));
        var main = Main(
            "Unikernel.Main",
            Typ.Sleep.To(store.To(Typ.Job)),
            packages: [FrameworkPackage("Microsoft.AspNetCore.App"), RuntimeLibrary("Mirage.Runtime.Http"), Package("Tool", build: true)],
            keys: [verbose],
            runtimeArgs: [hello],
            deps: [Devices.DefaultRandom, Dep(Devices.Noop)]);
        return Register(
            "full",
            [main.Apply(Devices.DefaultSleep).Apply(chosen), Devices.Noop],
            argv: Devices.NoArgv,
            reporter: Devices.DefaultReporter(Mirage.Runtime.Logging.LogLevel.Debug));
    }
}
"""

type private Store = class end

/// The same configuration in the F# eDSL.
let private fullFSharp () =
    let verbose = Key.create ("verbose", Key.Arg.flag (Key.Arg.info "Log more."))

    let size =
        Key.create ("size", Key.Arg.opt (Key.Arg.enum [ "small", 1; "large", 2 ], 1, Key.Arg.info "How big."))

    let greeting =
        Key.create ("greeting", Key.Arg.opt (Key.Arg.string, "hi", Key.Arg.info ("What to say.", docv = "WORDS")))

    let hello =
        Dsl.runtime_arg ("hello", Runtime_arg.string "Hello World!", doc = "How to say hello.")

    let store: Store typ = Dsl.typ ("store", "Unikernel.IStore")

    let small =
        Dsl.impl ("Unikernel.SmallStore", store, packages = [ Dsl.package ("Small.Store", min = "1.0", max = "2.0") ])

    let large =
        Dsl.impl (
            "Unikernel.LargeStore",
            store,
            keys = [ Key.v size; Key.v greeting ],
            runtime_args = [ hello ],
            extra_deps = [ Dsl.dep Dsl.default_mtime ],
            connect =
                fun info name args ->
                    let target =
                        match info.Target with
                        | Unix -> "Unix"
                        | Aot -> "Aot"

                    $"""new {name}({info.Get size}, "{info.Get greeting}", {String.concat ", " args}, "{target}")"""
        )

    let chosen =
        if_impl (Key.value verbose &&& Key.not (Key.constant false)) large (match_impl Key.target [ Aot, small ] large)

    let main =
        Dsl.main (
            "Unikernel.Main",
            Dsl.sleep @-> store @-> Dsl.job,
            packages =
                [
                    Mirage.Engine.Model.Package.Framework "Microsoft.AspNetCore.App"
                    Mirage.Engine.Model.Package.RuntimeLibrary "Mirage.Runtime.Http"
                    Dsl.package ("Tool", build = true)
                ],
            keys = [ Key.v verbose ],
            runtime_args = [ hello ],
            deps = [ Dsl.dep Dsl.default_random; Dsl.dep Dsl.noop ]
        )

    Mirage.Devices.Catalogue.Register(
        "full",
        [| (main $ Dsl.default_sleep $ chosen).Impl; Dsl.noop.Impl |],
        argv = Dsl.no_argv.Impl,
        reporter = (Dsl.default_reporter Logs.Debug).Impl
    )

let private typeErrors =
    [
        "a device of the wrong type, naming both types",
        "",
        "main.Apply(Devices.DefaultRandom)",
        "CS1503",
        [ "Impl<Mirage.CSharp.Random>"; "Impl<Mirage.CSharp.Sleep>" ]

        "the wrong second argument of a curried functor",
        "var two = Main(\"Unikernel.Two\", Typ.Sleep.To(Typ.Random.To(Typ.Job)));",
        "two.Apply(Devices.DefaultSleep).Apply(Devices.DefaultSleep)",
        "CS1503",
        [ "Impl<Mirage.CSharp.Sleep>"; "Impl<Mirage.CSharp.Random>" ]

        "a device that is not a functor, applied",
        "",
        "Devices.Noop.Apply(Devices.DefaultSleep)",
        "CS1061",
        [ "Impl<Job>"; "Apply" ]

        "a functor not applied, given as a job",
        "",
        "main",
        "CS0029",
        [
            "Impl<Mirage.CSharp.Fn<Mirage.CSharp.Sleep, Mirage.CSharp.Job>>"
            "Impl<Mirage.CSharp.Job>"
        ]

        "a device of a type of the config's own, of the wrong type",
        "var store = Typ.Of<Store>(\"store\"); var user = Main(\"Unikernel.User\", store.To(Typ.Job));",
        "user.Apply(Devices.DefaultSleep)",
        "CS1503",
        [ "Impl<Mirage.CSharp.Sleep>"; "Impl<Store>" ]

        "if_impl branches of different types",
        "var either = IfImpl(Key.Pure(true), Devices.DefaultSleep, Devices.DefaultRandom);",
        "Devices.Noop",
        "CS0411",
        [ "IfImpl" ]

        "a configure key of the wrong type as a condition",
        "var size = Key.Create(\"size\", Key.Arg.Opt(Key.Arg.Int, 1, Key.Arg.Info(\"How big.\"))); var either = IfImpl(size.Value, Devices.Noop, Devices.Noop);",
        "Devices.Noop",
        "CS1503",
        [ "Value<int>"; "Value<bool>" ]
    ]

[<Tests>]
let tests =
    testList
        "Facade"
        [
            testCase "a well-typed C# config compiles and emits the same code as its F# twin"
            <| fun () ->
                let csharp = run (config "" "main.Apply(Devices.DefaultSleep)")

                let fsharp =
                    Mirage.Devices.Catalogue.Register(
                        "hello",
                        [|
                            (Dsl.main ("Unikernel.Hello", Dsl.sleep @-> Dsl.job) $ Dsl.default_sleep).Impl
                        |]
                    )

                Expect.equal (irText csharp) (irText fsharp) "same IR"
                Expect.equal (emitted csharp "unix" []) (emitted fsharp "unix" []) "same main.cs and project"

            testList
                "C# compile errors"
                [
                    for name, statements, application, code, mentions in typeErrors ->
                        testCase name
                        <| fun () ->
                            let id, line, message = singleError (config statements application)
                            Expect.equal id code $"the diagnostic code ({message})"

                            if statements = "" then
                                Expect.equal line applicationLine "located on the application's line"

                            for mention in mentions do
                                Expect.stringContains message mention "the message names the types"
                ]

            testList
                "the whole algebra, in C# and in F#"
                [
                    for target in [ "unix"; "aot" ] do
                        for keys in
                            [
                                []
                                [ "verbose", "true" ]
                                [ "size", "large"; "greeting", "bonjour" ]
                                [ "verbose", "true"; "size", "large" ]
                            ] ->
                            testCase
                                $"""-t {target} {keys |> List.map (fun (k, v) -> $"--{k}={v}") |> String.concat " "}"""
                            <| fun () ->
                                let csharp = run fullCSharp
                                let fsharp = fullFSharp ()
                                Expect.equal (irText csharp) (irText fsharp) "same IR"
                                let csharpMain, csharpProject = emitted csharp target keys
                                let fsharpMain, fsharpProject = emitted fsharp target keys
                                Expect.equal csharpMain fsharpMain "same main.cs"
                                Expect.equal csharpProject fsharpProject "same project"
                ]

            testCase "the C# config's choices follow its keys"
            <| fun () ->
                let mainOf target keys =
                    fst (emitted (run fullCSharp) target keys)

                Expect.stringContains (mainOf "aot" []) "new Unikernel.SmallStore()" "aot picks the small store"
                Expect.stringContains (mainOf "unix" []) "new Unikernel.LargeStore(1, \"hi\"" "unix, the large one"

                Expect.stringContains
                    (mainOf "aot" [ "verbose", "true"; "size", "large"; "greeting", "yo" ])
                    "new Unikernel.LargeStore(2, \"yo\""
                    "verbose overrides the target, with its keys' values"
        ]
