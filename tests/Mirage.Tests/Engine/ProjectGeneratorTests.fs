/// The generated project file: how packages of each kind and devices' project items appear in it.
module Mirage.Tests.Engine.ProjectGeneratorTests

open System.Collections.Generic
open Expecto
open Mirage.Engine.CodeGen
open Mirage.Engine.Model
open Mirage.Engine.Targets
open Mirage.Tests.Engine.Fixtures

let private options =
    ProjectOptions("/repo/src/Mirage.Runtime/Mirage.Runtime.csproj", "linux-x64")

let private projectWith (options: ProjectOptions) (devices: Device list) =
    let root = Device("Unikernel.Main", functorOf devices.Length)
    let nodes = [ deviceNode root [] ] @ [ for d in devices -> deviceNode d [] ]

    let apps =
        [
            for i in 1 .. devices.Length -> appNode (if i = 1 then 0 else devices.Length + i - 1) i
        ]

    let graph = graphOf (nodes @ apps) [ nodes.Length + apps.Length - 1 ] []
    let resolved = optimize graph
    (ProjectGenerator.Generate(resolved, KnownTargets.Unix, options) |> Seq.head).Content

let private projectOf = projectWith options

[<Tests>]
let tests =
    testList
        "Engine.ProjectGenerator"
        [
            test "each package kind becomes its own kind of reference" {
                let d =
                    Device(
                        "D",
                        t,
                        packages =
                            [|
                                Package("Foo", "1.0", "2.0")
                                Package("Analyzer", BuildOnly = true)
                                Package.Framework "Microsoft.AspNetCore.App"
                                Package.RuntimeLibrary "Mirage.Runtime.Http"
                            |]
                    )

                let project = projectOf [ d ]
                Expect.stringContains project "<PackageReference Include=\"Foo\" Version=\"[1.0,2.0)\" />" "NuGet"

                Expect.stringContains
                    project
                    "<PackageReference Include=\"Analyzer\" Version=\"*\" PrivateAssets=\"all\" />"
                    "build-only"

                Expect.stringContains project "<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />" "framework"

                Expect.stringContains
                    project
                    "<ProjectReference Include=\"/repo/src/Mirage.Runtime.Http/Mirage.Runtime.Http.csproj\" />"
                    "runtime library beside Mirage.Runtime"

                Expect.stringContains
                    project
                    "<ProjectReference Include=\"/repo/src/Mirage.Runtime/Mirage.Runtime.csproj\" />"
                    "the runtime itself"
            }

            test "without a runtime project, the runtime and its libraries are packages at exactly one version" {
                let d =
                    Device("D", t, packages = [| Package.RuntimeLibrary "Mirage.Runtime.Http" |])

                let project = projectWith (ProjectOptions(RuntimeVersion = "1.2.3")) [ d ]

                for name in [ "Mirage.Runtime"; "Mirage.Runtime.Http" ] do
                    Expect.stringContains project $"<PackageReference Include=\"{name}\" Version=\"[1.2.3]\" />" name

                Expect.isFalse (project.Contains "ProjectReference") "no project"
            }

            test "the runtime packages' default version is the engine's own, without source revision" {
                let version = ProjectOptions().PackageVersion
                Expect.isMatch version @"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$" "a package version, no +revision"
            }

            test "project items are relative to the config, with metadata, once per item" {
                let item =
                    ProjectItem("EmbeddedResource", "htdocs/**", [| KeyValuePair("LogicalName", "a&b") |])

                let d1 = Device("D1", t, projectItems = [| item |])

                let d2 =
                    Device(
                        "D2",
                        t,
                        projectItems =
                            [|
                                ProjectItem("EmbeddedResource", "htdocs/**", [| KeyValuePair("LogicalName", "a&b") |])
                            |]
                    )

                let project = projectOf [ d1; d2 ]

                let expected =
                    "    <EmbeddedResource Include=\"../htdocs/**\">\n      <LogicalName>a&amp;b</LogicalName>\n    </EmbeddedResource>\n"

                Expect.stringContains project expected "item with escaped metadata"

                Expect.equal
                    (project.Split("<EmbeddedResource").Length - 1)
                    1
                    "equal items from two devices appear once"
            }
        ]
