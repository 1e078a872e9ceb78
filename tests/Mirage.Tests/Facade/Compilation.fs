/// Compiling C# configs in memory with Roslyn against the facade, and running them.
module Mirage.Tests.Facade.Compilation

open System
open System.IO
open Expecto
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp

/// A config.cs whose `Config.Build()` runs `statements`, one C# statement a line, its last returning the registration.
let configBuilding (statements: string list) =
    let body =
        statements |> List.map (fun line -> "        " + line) |> String.concat "\n"

    $"""
using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

public static class Config
{{
    public static Mirage.Engine.Model.Registration Build()
    {{
{body}
    }}
}}
"""

/// Compiles a C# config in memory against the framework and the facade.
let compile (source: string) =
    let framework =
        (AppContext.GetData "TRUSTED_PLATFORM_ASSEMBLIES" :?> string).Split Path.PathSeparator

    let mirage =
        [
            typeof<Mirage.CSharp.Dsl>.Assembly.Location
            typeof<Mirage.Engine.Model.Device>.Assembly.Location
            typeof<Mirage.Devices.Catalogue>.Assembly.Location
            typeof<Mirage.Runtime.Logging.LogLevel>.Assembly.Location
        ]

    CSharpCompilation.Create(
        "config" + string (Guid.NewGuid().ToString "N"),
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

let errors (compilation: CSharpCompilation) =
    compilation.GetDiagnostics()
    |> Seq.filter (fun d -> d.Severity = DiagnosticSeverity.Error)
    |> List.ofSeq

/// Compiles a config whose class `Config` has `static Registration Build()`, and calls it.
let run (source: string) : Mirage.Engine.Model.Registration =
    let compilation = compile source
    let problems = errors compilation
    Expect.isEmpty problems $"""no errors: {problems |> List.map string |> String.concat "\n"}"""
    use image = new MemoryStream()
    let emitted = compilation.Emit image
    Expect.isTrue emitted.Success "emits"
    let assembly = Reflection.Assembly.Load(image.ToArray())

    assembly.GetType("Config").GetMethod("Build").Invoke(null, [||]) :?> Mirage.Engine.Model.Registration

/// The one error a bad config gets: its code, its line in config.cs, and its message.
let singleError (source: string) =
    let problems = errors (compile source)

    match problems with
    | [ problem ] -> problem.Id, problem.Location.GetLineSpan().StartLinePosition.Line + 1, problem.GetMessage()
    | _ ->
        failtest $"""expected one error, got {problems.Length}: {problems |> List.map string |> String.concat "\n"}"""
