/// config.cs: a C# file in the shape of a .NET 10 file-based app (top-level statements, `#:`
/// directives for `dotnet run` and editors), compiled in this process by Roslyn.
module Mirage.Evaluation.CSharpConfig

open System

/// `#:` directives (and a `#!` first line) are for `dotnet run config.cs` and editors: Roslyn reads
/// them only in file-based programs, so they are blanked, which keeps every line where it was. A
/// config is always compiled against this CLI's Mirage assemblies, whatever `#:project` names;
/// `#:package` cannot be honoured in process, so it is an error rather than silently ignored.
let prepare (configPath: string) (text: string) =
    let lines = text.Split '\n'

    let problems =
        [
            for i, line in Array.indexed lines do
                let trimmed = line.TrimStart()

                if trimmed.StartsWith("#:package", StringComparison.Ordinal) then
                    yield
                        Report.error
                            "package-directive"
                            ("#:package is not supported in a config.cs: a config uses the Mirage assemblies only "
                             + "(a unikernel's own packages go in Main(..., packages: [...]))")
                            configPath
                            (i + 1)
                            (line.Length - trimmed.Length + 1)
        ]

    let blanked =
        lines
        |> Array.mapi (fun i line ->
            let trimmed = line.TrimStart()

            if
                trimmed.StartsWith("#:", StringComparison.Ordinal)
                || (i = 0 && line.StartsWith "#!")
            then
                (if line.EndsWith '\r' then "\r" else "")
            else
                line)
        |> String.concat "\n"

    problems, blanked

/// The compiled config.cs at `configPath` with this text, from the cache or freshly compiled. Roslyn
/// is loaded only on a cache miss: nothing here but the compile callback touches it.
let compiled (configPath: string) (configText: string) =
    let key =
        ConfigCache.key "csharp" (ReferenceAssemblies.csharpConfigAssemblies ()) configPath configText []

    ConfigCache.getOrCompile key (fun _ outputDll ->
        match prepare configPath configText with
        | [], source -> CSharpCompiler.compile configPath source outputDll
        | problems, _ -> problems)
