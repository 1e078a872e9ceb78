/// The assemblies a config is compiled against: the framework's reference assemblies, FSharp.Core
/// (config.fsx) or the C# facade (config.cs), and the Mirage assemblies this CLI has loaded (so the
/// compiled config binds to exactly them).
module Mirage.Evaluation.ReferenceAssemblies

open System
open System.IO

/// The framework's reference pack matching the running runtime (`packs/Microsoft.NETCore.App.Ref`),
/// or, on a machine with only a runtime, the runtime's own implementation assemblies.
let private frameworkDirectory () =
    let runtimeDir = Path.GetDirectoryName(typeof<obj>.Assembly.Location)
    let runtimeVersion = Version(Environment.Version.Major, Environment.Version.Minor)
    // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>
    let dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."))
    let packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref")

    let candidates =
        if Directory.Exists packs then
            Directory.GetDirectories packs
            |> Array.choose (fun dir ->
                match Version.TryParse(Path.GetFileName dir) with
                | true, v when v.Major = runtimeVersion.Major && v.Minor = runtimeVersion.Minor -> Some(v, dir)
                | _ -> None)
            |> Array.sortDescending
            |> Array.map (fun (_, dir) -> Path.Combine(dir, "ref", $"net{runtimeVersion.Major}.{runtimeVersion.Minor}"))
            |> Array.filter Directory.Exists
        else
            [||]

    match Array.tryHead candidates with
    | Some dir -> dir, true
    | None -> runtimeDir, false

/// The framework's assemblies, sorted.
let frameworkAssemblies () =
    let dir, isReferencePack = frameworkDirectory ()

    Directory.GetFiles(dir, "*.dll")
    |> Array.filter (fun path ->
        let name = Path.GetFileName path
        // Implementation folders also hold native shims and the private core library's satellites.
        isReferencePack
        || (name.StartsWith("System.", StringComparison.Ordinal)
            || name = "netstandard.dll"
            || name = "mscorlib.dll"
            || name.StartsWith("Microsoft.", StringComparison.Ordinal))
           && not (name.Contains("Native", StringComparison.Ordinal)))
    |> Array.sort

/// The assemblies a config.fsx may use, as loaded in this process: they identify a compiled config
/// in the cache, and are what it is compiled against.
let fsharpConfigAssemblies () =
    [
        typeof<Mirage.Registry>.Assembly // the F# eDSL
        typeof<Mirage.Engine.Model.Device>.Assembly
        typeof<Mirage.Devices.Catalogue>.Assembly
        typeof<Mirage.Runtime.Logging.LogLevel>.Assembly // what the runtime and the catalogue share
        typeof<list<int>>.Assembly // FSharp.Core
    ]

/// The assemblies a config.cs may use, as loaded in this process.
let csharpConfigAssemblies () =
    [
        typeof<Mirage.CSharp.Dsl>.Assembly // the C# facade
        typeof<Mirage.Engine.Model.Device>.Assembly
        typeof<Mirage.Devices.Catalogue>.Assembly
        typeof<Mirage.Runtime.Logging.LogLevel>.Assembly // what the runtime and the catalogue share
    ]

/// Every `-r:` the F# compiler needs, in a stable order.
let all () =
    [
        yield! frameworkAssemblies ()
        yield! fsharpConfigAssemblies () |> List.map (fun a -> a.Location)
    ]
