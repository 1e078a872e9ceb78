/// Roslyn, for config.cs: compiles the config's top-level statements into a console assembly with an
/// embedded PDB (so runtime errors are located in the config), against the framework's reference
/// assemblies and this CLI's Mirage assemblies.
module Mirage.Evaluation.CSharpCompiler

open System
open System.Globalization
open System.IO
open System.Text
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Microsoft.CodeAnalysis.Emit
open Microsoft.CodeAnalysis.Text

/// The implicit usings of a .NET 10 file-based app (Microsoft.NET.Sdk's ImplicitUsings), so that a
/// config compiles here exactly as it does under `dotnet run config.cs`.
let private implicitUsings =
    [
        "System"
        "System.Collections.Generic"
        "System.IO"
        "System.Linq"
        "System.Net.Http"
        "System.Threading"
        "System.Threading.Tasks"
    ]
    |> List.map (fun ns -> $"global using global::{ns};")
    |> String.concat "\n"

/// One of Roslyn's diagnostics as the engine's, located in the file it names.
let private toDiagnostic (d: Diagnostic) =
    let message = d.GetMessage CultureInfo.InvariantCulture

    let file, line, column =
        if d.Location.IsInSource then
            let span = d.Location.GetMappedLineSpan()
            span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1
        else
            "", 0, 0

    if d.Severity = DiagnosticSeverity.Error then
        Report.error d.Id message file line column
    else
        Report.warning d.Id message file line column

/// Compiles `source` (the config's text, directives blanked) as `configPath` into `outputDll`;
/// returns the compiler's errors and warnings (an error means it failed).
let compile (configPath: string) (source: string) (outputDll: string) =
    let parseOptions =
        CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular)

    let trees =
        [
            CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), parseOptions, configPath)
            CSharpSyntaxTree.ParseText(
                SourceText.From(implicitUsings, Encoding.UTF8),
                parseOptions,
                "GlobalUsings.g.cs"
            )
        ]

    let references =
        [
            yield! ReferenceAssemblies.frameworkAssemblies ()
            yield! ReferenceAssemblies.csharpConfigAssemblies () |> List.map (fun a -> a.Location)
        ]
        |> List.map (fun path -> MetadataReference.CreateFromFile path :> MetadataReference)

    let options =
        CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            nullableContextOptions = NullableContextOptions.Enable,
            optimizationLevel = OptimizationLevel.Debug,
            warningLevel = 4
        )

    let compilation = CSharpCompilation.Create("config", trees, references, options)

    use output = File.Create outputDll

    let result =
        compilation.Emit(output, options = EmitOptions(debugInformationFormat = DebugInformationFormat.Embedded))

    let diagnostics =
        result.Diagnostics
        |> Seq.filter (fun d -> d.Severity >= DiagnosticSeverity.Warning)
        |> Seq.sortBy (fun d -> d.Severity <> DiagnosticSeverity.Error, d.Location.SourceSpan.Start)
        |> Seq.map toDiagnostic
        |> Seq.distinct
        |> List.ofSeq

    if result.Success || Report.hasErrors diagnostics then
        diagnostics
    else
        diagnostics
        @ [ Report.error "" "the C# compiler failed without saying why" "" 0 0 ]
