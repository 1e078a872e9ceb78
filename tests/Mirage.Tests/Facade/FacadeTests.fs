/// The C# facade: a C# configuration is checked by the C# compiler like config.fsx is by F#'s, and
/// builds the same engine values as the F# eDSL, so the two front ends emit the same code.
module Mirage.Tests.Facade.FacadeTests

open System
open System.IO
open Expecto
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Mirage
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Output

/// Compiles a C# config in memory against the framework and the facade.
let private compile (source: string) =
    let framework =
        (AppContext.GetData "TRUSTED_PLATFORM_ASSEMBLIES" :?> string).Split Path.PathSeparator

    let mirage =
        [
            typeof<Mirage.CSharp.Dsl>.Assembly.Location
            typeof<Mirage.Engine.Model.Device>.Assembly.Location
            typeof<Mirage.Devices.Catalogue>.Assembly.Location
        ]

    CSharpCompilation.Create(
        "config",
        [ CSharpSyntaxTree.ParseText(source, path = "config.cs") ],
        [
            for path in Seq.append framework mirage |> Seq.distinct ->
                MetadataReference.CreateFromFile path :> MetadataReference
        ],
        CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions = NullableContextOptions.Enable
        )
    )

let private errors (compilation: CSharpCompilation) =
    compilation.GetDiagnostics()
    |> Seq.filter (fun d -> d.Severity = DiagnosticSeverity.Error)
    |> List.ofSeq

let private config (application: string) =
    $"""
using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

public static class Config
{{
    public static Mirage.Engine.Model.Registration Build()
    {{
        var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));
        return Register("hello", [{application}]);
    }}
}}
"""

/// main.cs for a registration, without its #line directives (they name each front end's file).
let private generatedMain registration =
    let configFile = Path.Combine(Path.GetTempPath(), "facade-test", "config.fsx")

    let configuration =
        Configurator.Configure(
            ConfigureRequest(
                registration,
                configFile,
                ConfigureContext("unix", Collections.Generic.Dictionary()),
                ProjectOptions "Mirage.Runtime.csproj"
            )
        )

    (configuration.File MainGenerator.FileName).Content.Split '\n'
    |> Array.filter (fun line -> not (line.StartsWith "#line"))
    |> String.concat "\n"

[<Tests>]
let tests =
    testList
        "Facade"
        [
            testCase "a well-typed C# config compiles and emits the same code as its F# twin"
            <| fun () ->
                let compilation = compile (config "main.Apply(Devices.DefaultSleep)")
                Expect.isEmpty (errors compilation) "no errors"
                use image = new MemoryStream()
                let emitted = compilation.Emit image
                Expect.isTrue emitted.Success "emits"
                let assembly = Reflection.Assembly.Load(image.ToArray())

                let csharp =
                    assembly.GetType("Config").GetMethod("Build").Invoke(null, [||])
                    :?> Mirage.Engine.Model.Registration

                let fsharp =
                    Mirage.Devices.Catalogue.Register(
                        "hello",
                        [|
                            (Dsl.main ("Unikernel.Hello", Dsl.sleep @-> Dsl.job) $ Dsl.default_sleep).Impl
                        |]
                    )

                Expect.equal (generatedMain csharp) (generatedMain fsharp) "same main.cs"

            testCase "applying a functor to a device of the wrong module type does not compile"
            <| fun () ->
                let problems = errors (compile (config "main.Apply(Devices.DefaultRandom)"))
                Expect.isNonEmpty problems "a compile error"
                let text = problems |> List.map string |> String.concat "\n"
                Expect.stringContains text "config.cs(10," $"located in the config: {text}"
                Expect.stringContains text "Apply" $"names the application: {text}"
        ]
