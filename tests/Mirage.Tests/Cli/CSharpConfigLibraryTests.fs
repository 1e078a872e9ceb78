/// The library API: a program builds a registration in code and configures, describes, queries and
/// builds it with Mirage.Engine.Library.UnikernelProject, no CLI involved; and the same files come
/// out as from `mirage` with the equivalent config.cs.
module Mirage.Tests.Cli.CSharpConfigLibraryTests

open System
open System.Collections.Generic
open System.IO
open Expecto
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Mirage.CSharp
open Mirage.Engine.Describe
open Mirage.Engine.Diagnostics
open Mirage.Engine.Library
open Mirage.Engine.Model
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes

let private runtimeProject =
    Path.Combine(repoRoot, "src", "Mirage.Runtime", "Mirage.Runtime.csproj")

let private noop () =
    Dsl.Register("noop", [| Devices.Noop |])

/// A C# program using the API, compiled with Roslyn against the facade and the engine.
let private program =
    """
using Mirage.CSharp;
using Mirage.Engine.Describe;
using Mirage.Engine.Library;
using static Mirage.CSharp.Dsl;

public static class Program
{
    public static string Run(string directory, string runtimeProject)
    {
        var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));
        var project = new UnikernelProject(Register("hello", [main.Apply(Devices.DefaultSleep)]), directory, runtimeProject);
        var configuration = project.Configure("aot");
        project.Write(configuration);
        return string.Join("\n", project.Query(configuration, QueryKind.Name)) + "\n" + project.Describe(configuration);
    }
}
"""

let private compileAndRun (directory: string) =
    let framework =
        (AppContext.GetData "TRUSTED_PLATFORM_ASSEMBLIES" :?> string).Split Path.PathSeparator

    let mirage =
        [
            typeof<Mirage.CSharp.Dsl>.Assembly.Location
            typeof<Mirage.Engine.Model.Device>.Assembly.Location
            typeof<Mirage.Devices.Catalogue>.Assembly.Location
        ]

    let compilation =
        CSharpCompilation.Create(
            "library-user",
            [ CSharpSyntaxTree.ParseText(program, path = "Program.cs") ],
            [
                for path in Seq.append framework mirage |> Seq.distinct ->
                    MetadataReference.CreateFromFile path :> MetadataReference
            ],
            CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        )

    use image = new MemoryStream()
    let emitted = compilation.Emit image

    let errors =
        emitted.Diagnostics
        |> Seq.filter (fun d -> d.Severity = Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
        |> Seq.map string
        |> String.concat "\n"

    Expect.isTrue emitted.Success $"the program compiles: {errors}"
    let assembly = Reflection.Assembly.Load(image.ToArray())

    assembly.GetType("Program").GetMethod("Run").Invoke(null, [| box directory; box runtimeProject |]) :?> string

[<Tests>]
let tests =
    testList
        "Cli.library api"
        [
            testCase "a C# program configures, writes, queries and describes through the API"
            <| fun () ->
                use dir = new TempDir()
                let output = compileAndRun dir.Path
                Expect.stringStarts output "hello\n" "query name"
                Expect.stringContains output "aot" "describe names the target"
                let main = File.ReadAllText(Path.Combine(dir.Path, "mirage", "main.cs"))
                Expect.stringContains main "new Unikernel.Hello(" "main.cs written"
                Expect.isTrue (File.Exists(Path.Combine(dir.Path, "mirage", "hello.csproj"))) "project written"

            testCase "the API generates what mirage generates from the equivalent config.cs"
            <| fun () ->
                use dir = new TempDir()

                dir.Write
                    "config.cs"
                    "using Mirage.CSharp;\nusing static Mirage.CSharp.Dsl;\nRegister(\"noop\", [Devices.Noop]);\n"
                |> ignore

                let project = UnikernelProject(noop (), dir.Path, runtimeProject)

                for target in [ "unix"; "aot" ] do
                    let configuration = project.Configure target

                    for kind, name in [ QueryKind.Main, "main"; QueryKind.Project, "project" ] do
                        let cli = mirage dir.Path [ "query"; name; "-t"; target ]
                        Expect.equal cli.ExitCode 0 $"mirage query {name}\n{cli}"
                        let api = String.concat "\n" (project.Query(configuration, kind)) + "\n"
                        Expect.equal api cli.Stdout $"{name} on {target}"

            testCase "describe, dot, keys, and errors as exceptions with diagnostics"
            <| fun () ->
                use dir = new TempDir()
                let project = UnikernelProject(noop (), dir.Path, runtimeProject)
                let configuration = project.Configure()
                Expect.stringContains (project.Describe configuration) "noop" "describe"
                Expect.stringStarts (project.DescribeDot configuration) "digraph" "dot"
                Expect.contains (project.Keys |> Seq.map (fun k -> k.Name)) "target" "the target key"
                Expect.isFalse (Directory.Exists(Path.Combine(dir.Path, "mirage"))) "configure writes nothing"

                Expect.throwsC (fun () -> project.Configure("xen") |> ignore) (fun e ->
                    Expect.isTrue (e :? ConfigurationException) $"a ConfigurationException: {e}")

                let unknownKey =
                    try
                        project.Configure("unix", readOnlyDict [ "no-such-key", "1" ]) |> ignore
                        None
                    with :? ConfigurationException as e ->
                        Some e.Diagnostics[0].Message

                Expect.isSome unknownKey "unknown key rejected"
                Expect.stringContains unknownKey.Value "no-such-key" "named"

            testCase "a missing runtime project is an argument error that says what to do"
            <| fun () ->
                Expect.throwsC
                    (fun () -> UnikernelProject(noop (), "x", "/no/such/Mirage.Runtime.csproj") |> ignore)
                    (fun e ->
                        Expect.isTrue (e :? ArgumentException) "an ArgumentException"
                        Expect.stringContains e.Message "MIRAGE_RUNTIME_PROJECT" "says what to do")

            testCase "Register records only inside a capture, and a capture takes one registration"
            <| fun () ->
                noop () |> ignore
                noop () |> ignore // no capture open: a program may register as often as it likes

                using (RegistrationCapture.Begin()) (fun capture ->
                    let registration = noop ()
                    Expect.isTrue (obj.ReferenceEquals(capture.Registered, registration)) "captured"

                    Expect.throwsC (fun () -> noop () |> ignore) (fun e ->
                        Expect.isTrue (e :? ConfigurationException) "a second Register is an error"
                        Expect.stringContains e.Message "register-twice" "the code"))

                noop () |> ignore // closed again

            Samples.sampleTests
                "Cli.library build"
                [
                    testCase
                        "the API builds a unikernel into dist/ that runs, with no sleep, clocks or randomness: none is used to start"
                    <| fun () ->
                        use dir = new TempDir()

                        let registration =
                            Dsl.Register(
                                "noop",
                                [| Devices.Noop |],
                                sleep = Devices.NoSleep,
                                ptime = Devices.NoPTime,
                                mtime = Devices.NoMTime,
                                random = Devices.NoRandom
                            )

                        let project = UnikernelProject(registration, dir.Path, runtimeProject)
                        let result = project.Build(project.Configure "unix")
                        Expect.isTrue result.Succeeded $"built: {result.Error}"
                        Expect.equal result.Binary (Path.Combine(dir.Path, "dist", "noop")) "dist/noop"
                        let main = File.ReadAllText(Path.Combine(dir.Path, "mirage", "main.cs"))

                        for disabled in [ "NoSleep"; "NoPClock"; "NoMClock"; "NoRandom" ] do
                            Expect.stringContains main $".{disabled}.Connect()" $"{disabled} installed"

                        let ran = run dir.Path result.Binary []
                        Expect.equal ran.ExitCode 0 $"runs\n{ran}"
                        Expect.equal ran.Stdout "" "says nothing"
                ]
        ]
