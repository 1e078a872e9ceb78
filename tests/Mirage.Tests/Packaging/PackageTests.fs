/// What `dotnet fsi build.fsx pack` makes, as a user gets it: a package with symbols for every
/// project under src/, all at one version with their metadata, and the `mirage` tool, which
/// installs from that folder alone and configures, builds and runs a sample outside the repository
/// against the runtime packages.
module Mirage.Tests.Packaging.PackageTests

open System
open System.IO
open System.IO.Compression
open System.Reflection.PortableExecutable
open System.Xml.Linq
open Expecto
open Mirage.Engine.CodeGen
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes

/// The packages under test: `MIRAGE_PACKAGES` (build.fsx test sets it), else artifacts/packages.
let private packagesDir =
    match Environment.GetEnvironmentVariable "MIRAGE_PACKAGES" with
    | NonNull dir when dir <> "" -> dir
    | _ -> Path.Combine(repoRoot, "artifacts", "packages")

/// Every Mirage package's version, which the tool makes generated projects reference.
let private version = ProjectOptions().PackageVersion

let private package (id: string) =
    let file = Path.Combine(packagesDir, $"{id}.{version}.nupkg")

    if not (File.Exists file) then
        failtest $"{file} missing: run `dotnet fsi build.fsx pack` first"

    file

/// Each project under src/: its package id (its name, but `mirage` for the tool) and project file.
let private projects () =
    Directory.GetDirectories(Path.Combine(repoRoot, "src"))
    |> Array.sort
    |> Array.map (fun dir ->
        let name = Path.GetFileName dir
        let project = Directory.GetFiles(dir, "*.*proj") |> Array.exactlyOne
        (if name = "Mirage.Cli" then "mirage" else name), project)

let private packageIds () = projects () |> Array.map fst

/// Whether the package's own assembly (`<id>.dll`) carries its PDB, as F# packages' do.
let private hasEmbeddedPdb (id: string) =
    use zip = ZipFile.OpenRead(package id)
    let entry = zip.Entries |> Seq.find (fun e -> e.Name = $"{id}.dll")
    use copy = new MemoryStream()
    (use s = entry.Open() in s.CopyTo copy)
    copy.Position <- 0L
    use pe = new PEReader(copy)

    pe.ReadDebugDirectory()
    |> Seq.exists (fun d -> d.Type = DebugDirectoryEntryType.EmbeddedPortablePdb)

/// The nuspec of a package, its elements by local name (the namespace depends on the schema).
let private nuspec (id: string) =
    use zip = ZipFile.OpenRead(package id)
    let entry = zip.Entries |> Seq.find (fun e -> e.FullName = $"{id}.nuspec")
    use stream = entry.Open()
    let document = XDocument.Load stream

    let elements name =
        document.Descendants()
        |> Seq.filter (fun e -> e.Name.LocalName = name)
        |> List.ofSeq

    elements, (zip.Entries |> Seq.map (fun e -> e.FullName) |> List.ofSeq)

let private value (elements: string -> XElement list) name =
    match elements name with
    | e :: _ -> e.Value
    | [] -> failtest $"no <{name}>"

/// A NuGet.config that sees only the packages under test (and, for what the SDK itself restores, the
/// machine's package cache as a read-only fallback), with its own package folder so that no package
/// of an earlier pack at the same version is taken from a cache.
let private writeNuGetConfig (dir: string) =
    let machineCache =
        match Environment.GetEnvironmentVariable "NUGET_PACKAGES" with
        | NonNull path when path <> "" -> path
        | _ -> Path.Combine(Environment.GetFolderPath Environment.SpecialFolder.UserProfile, ".nuget", "packages")

    let own = Path.Combine(dir, "nuget-packages")

    File.WriteAllText(
        Path.Combine(dir, "NuGet.config"),
        $"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="{own}" /></config>
  <packageSources><clear /><add key="mirage" value="{packagesDir}" /></packageSources>
  <fallbackPackageFolders><clear /><add key="machine" value="{machineCache}" /></fallbackPackageFolders>
</configuration>
"""
    )

    own

[<Tests>]
let tests =
    testSequencedGroup "packaging"
    <| testList
        "Packaging"
        [
            testCase "every project under src/ is a package with symbols, at the one version"
            <| fun () ->
                for id, project in projects () do
                    package id |> ignore
                    let symbols = Path.Combine(packagesDir, $"{id}.{version}.snupkg")

                    match Path.GetExtension project with
                    | _ when id = "Mirage.Templates" -> Expect.isFalse (File.Exists symbols) "templates: no code"
                    | ".fsproj" -> Expect.isTrue (hasEmbeddedPdb id) $"{id}: F# assemblies embed their PDB"
                    | _ -> Expect.isTrue (File.Exists symbols) $"{symbols} exists"

                let stray =
                    Directory.GetFiles(packagesDir, "*.nupkg")
                    |> Array.map Path.GetFileName
                    |> Array.filter (fun f -> not (f.EndsWith $".{version}.nupkg"))

                Expect.isEmpty stray "no package at another version"

            testCase "packages carry their metadata, readme and dependencies at the same version"
            <| fun () ->
                for id in packageIds () do
                    let elements, files = nuspec id
                    Expect.equal (value elements "version") version $"{id}: version"
                    Expect.equal (value elements "license") "ISC" $"{id}: licence"
                    Expect.stringContains (value elements "tags") "unikernel" $"{id}: tags"
                    Expect.equal (value elements "readme") "README.md" $"{id}: readme named"
                    Expect.contains files "README.md" $"{id}: readme packed"

                    for dependency in elements "dependency" do
                        let name = dependency.Attribute(XName.Get "id").Value

                        if name.StartsWith "Mirage." then
                            Expect.equal
                                (dependency.Attribute(XName.Get "version").Value)
                                version
                                $"{id} depends on {name} at the same version"

                let runtime, _ = nuspec "Mirage.Runtime"

                Expect.contains
                    (runtime "dependency" |> List.map (fun d -> d.Attribute(XName.Get "id").Value))
                    "Mirage.Runtime.Contract"
                    "the runtime brings its contract"

                let tool, toolFiles = nuspec "mirage"

                Expect.equal
                    (tool "packageType" |> List.map (fun e -> e.Attribute(XName.Get "name").Value))
                    [ "DotnetTool" ]
                    "a dotnet tool"

                Expect.isEmpty (tool "dependency") "a tool carries its assemblies"

                Expect.exists
                    toolFiles
                    (fun f -> f.EndsWith "/Mirage.Dsl.FSharp.dll")
                    "with the eDSL it evaluates configs with"

            testCase
                "the tool and the templates install from the packages alone; a new unikernel builds and runs outside the repository"
            <| fun () ->
                use dir = new TempDir()
                Expect.isFalse (dir.Path.StartsWith repoRoot) "the test's folder is outside the repository"
                let cache = writeNuGetConfig dir.Path

                let env =
                    [
                        "NUGET_PACKAGES", cache
                        // dotnet new's template store, away from the user's.
                        "DOTNET_CLI_HOME", Path.Combine(dir.Path, "home")
                        // Not development mode: generated projects reference the runtime packages.
                        "MIRAGE_RUNTIME_PROJECT", ""
                        "MIRAGE_CACHE_DIR", Path.Combine(dir.Path, "config-cache")
                        "DOTNET_CLI_TELEMETRY_OPTOUT", "1"
                        "DOTNET_NOLOGO", "1"
                    ]

                let step workDir file args =
                    let result = runWith env (TimeSpan.FromMinutes 10.) workDir file args
                    Expect.equal result.ExitCode 0 $"{file} {args}\n{result}"
                    result

                let dotnet args = step dir.Path "dotnet" args |> ignore
                let tools = Path.Combine(dir.Path, "tools")
                dotnet [ "tool"; "install"; "mirage"; "--tool-path"; tools; "--version"; version ]
                let mirage = Path.Combine(tools, "mirage")
                Expect.equal ((step dir.Path mirage [ "--version" ]).Stdout.Trim()) version "the tool's version"

                dotnet [ "new"; "install"; package "Mirage.Templates" ]
                dotnet [ "new"; "mirage"; "-n"; "hello"; "-o"; "hello" ]
                dotnet [ "new"; "mirage"; "-n"; "hello"; "-o"; "hello-cs"; "--config"; "cs" ]
                let hello = Path.Combine(dir.Path, "hello")
                let helloCs = Path.Combine(dir.Path, "hello-cs")
                Expect.isTrue (File.Exists(Path.Combine(hello, "config.fsx"))) "an F# config by default"
                Expect.isFalse (File.Exists(Path.Combine(hello, "config.cs"))) "only one config"
                Expect.isTrue (File.Exists(Path.Combine(helloCs, "config.cs"))) "a C# config on request"

                step hello mirage [ "configure" ] |> ignore
                step helloCs mirage [ "configure" ] |> ignore

                let generated dir file =
                    File.ReadAllText(Path.Combine(dir, "mirage", file))

                Expect.equal
                    (generated helloCs "hello.csproj")
                    (generated hello "hello.csproj")
                    "one project from both configs"

                Expect.equal
                    ((generated helloCs "main.cs").Replace("\"../config.cs\"", "\"../config.fsx\""))
                    (generated hello "main.cs")
                    "one main.cs from both configs (but for the config its #line names)"

                let project = File.ReadAllText(Path.Combine(hello, "mirage", "hello.csproj"))

                Expect.stringContains
                    project
                    $"<PackageReference Include=\"Mirage.Runtime\" Version=\"[{version}]\" />"
                    "the runtime package at the tool's version"

                Expect.isFalse (project.Contains repoRoot) "no path into the repository"
                step hello mirage [ "build" ] |> ignore

                let restored = Path.Combine(cache, "mirage.runtime", version)
                Expect.isTrue (Directory.Exists restored) "the runtime came from the packages under test"

                let run = step hello (Path.Combine(hello, "dist", "hello")) []
                let messages, _ = Samples.logged run
                Expect.equal messages [| "hello"; "hello"; "hello"; "hello" |] "four hellos"
        ]
