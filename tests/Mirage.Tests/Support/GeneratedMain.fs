/// Compiling a generated main.cs in memory, as its project would: to check that the connect code the
/// catalogue emits names real runtime members with the right types.
module Mirage.Tests.Support.GeneratedMain

open System
open System.IO
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp

/// Compiles main.cs with the implicit usings of generated projects and a job taking `parameter`
/// against the framework, Mirage.Runtime and the `libraries` given (assembly paths); returns the errors.
let compileErrorsWith (libraries: string list) (main: string) (parameter: string) =
    let framework =
        (AppContext.GetData "TRUSTED_PLATFORM_ASSEMBLIES" :?> string).Split Path.PathSeparator

    let sources =
        [
            "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;"
            main
            $"namespace Unikernel {{ public sealed class Main({parameter} device) : Mirage.Runtime.IJob {{ public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; }} }}"
        ]

    let references =
        Seq.concat
            [
                Seq.ofArray framework
                Seq.singleton typeof<Mirage.Runtime.Platform>.Assembly.Location
                Seq.ofList libraries
            ]
        |> Seq.distinct

    CSharpCompilation
        .Create(
            "main",
            sources |> List.map (fun s -> CSharpSyntaxTree.ParseText s),
            [
                for path in references -> MetadataReference.CreateFromFile path :> MetadataReference
            ],
            CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                nullableContextOptions = NullableContextOptions.Enable
            )
        )
        .GetDiagnostics()
    |> Seq.filter (fun d -> d.Severity = DiagnosticSeverity.Error)
    |> Seq.map string
    |> List.ofSeq

/// The errors of main.cs against the framework and Mirage.Runtime alone.
let compileErrors (main: string) (parameter: string) = compileErrorsWith [] main parameter
