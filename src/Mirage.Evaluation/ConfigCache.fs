/// Compiled configs (config.fsx and config.cs alike), cached by content hash so that an unchanged
/// config is never compiled twice: a cache hit loads one small assembly and never loads a compiler.
module Mirage.Evaluation.ConfigCache

open System
open System.IO
open System.Reflection
open System.Security.Cryptography
open System.Text
open Mirage.Engine.Diagnostics
open Mirage.Evaluation.Report

/// `MIRAGE_CACHE_DIR`, else `$XDG_CACHE_HOME/mirage`, else `~/.cache/mirage`.
let directory () =
    match Environment.GetEnvironmentVariable "MIRAGE_CACHE_DIR" with
    | NonNull dir when dir <> "" -> dir
    | _ ->
        match Environment.GetEnvironmentVariable "XDG_CACHE_HOME" with
        | NonNull dir when dir <> "" -> Path.Combine(dir, "mirage")
        | _ -> Path.Combine(Environment.GetFolderPath Environment.SpecialFolder.UserProfile, ".cache", "mirage")

/// The key: the config's language, bytes and path (errors and `#line` name it), the bytes of the
/// files it includes, and the identity of every assembly it is compiled against and of the runtime.
/// A rebuilt DSL or an edited included file invalidates the entry.
let key
    (language: string)
    (assemblies: Assembly list)
    (configPath: string)
    (configText: string)
    (included: string list)
    =
    let identities =
        assemblies |> List.map (fun a -> a.ManifestModule.ModuleVersionId.ToString())

    let includedTexts =
        included
        |> List.map (fun file ->
            file
            + "\n"
            + (if File.Exists file then
                   File.ReadAllText file
               else
                   "(missing)"))

    let material =
        String.concat
            "\n"
            [
                yield $"mirage-config-v2-{language}"
                yield Environment.Version.ToString()
                yield configPath
                yield! identities
                yield configText
                yield! includedTexts
            ]

    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes material)).ToLowerInvariant()

/// Where the compiled config for `key` lives.
let assemblyPath key =
    Path.Combine(directory (), "configs", key, "config.dll")

/// A compiled config ready to run.
type Compiled =
    {
        /// The config's assembly.
        Assembly: string
        /// Whether it came from the cache.
        FromCache: bool
        /// A folder outside the cache to delete once the config has run (when the cache is not writable).
        Temporary: string option
        /// The compiler's warnings, and a note when the cache could not be used.
        Report: Report
    }

/// A fresh work folder in the cache beside `finalDir`, or, when the cache cannot be written, one in
/// the temporary folder and a note saying so.
let private workFolder (finalDir: string) =
    let inCache = finalDir + $".tmp-{Environment.ProcessId}"

    try
        if Directory.Exists inCache then
            Directory.Delete(inCache, true)

        Directory.CreateDirectory inCache |> ignore
        inCache, None
    with
    | :? IOException
    | :? UnauthorizedAccessException as e ->
        let temporary =
            Path.Combine(Path.GetTempPath(), $"mirage-config-{Environment.ProcessId}-{Guid.NewGuid():N}")

        Directory.CreateDirectory temporary |> ignore
        let cache = Path.GetDirectoryName(Path.GetDirectoryName finalDir)

        temporary, Some $"mirage: the config cache {cache} is not writable ({e.Message}): compiling without caching"

/// The compiled config for `key`, from the cache or made by `compile workDir outputDll` (which
/// returns the compiler's diagnostics); a failed compile caches nothing and raises
/// `EvaluationFailed` with the diagnostics. A cache that cannot be written is not an error: the
/// config is compiled into a temporary folder instead, and the report says so.
let getOrCompile key (compile: string -> string -> Diagnostic list) : Compiled =
    let cached = assemblyPath key

    if File.Exists cached then
        {
            Assembly = cached
            FromCache = true
            Temporary = None
            Report = empty
        }
    else
        let finalDir = Path.GetDirectoryName cached
        let workDir, note = workFolder finalDir
        let notes = Option.toList note
        let mutable succeeded = false

        try
            let diagnostics = compile workDir (Path.Combine(workDir, "config.dll"))

            let report =
                {
                    Diagnostics = diagnostics
                    Notes = notes
                }

            if hasErrors diagnostics then
                raise (EvaluationFailed report)

            succeeded <- true

            match note with
            | Some _ ->
                {
                    Assembly = Path.Combine(workDir, "config.dll")
                    FromCache = false
                    Temporary = Some workDir
                    Report = report
                }
            | None ->
                try
                    Directory.Move(workDir, finalDir)
                with :? IOException when File.Exists cached ->
                    () // another mirage compiled the same config at the same time

                {
                    Assembly = cached
                    FromCache = false
                    Temporary = None
                    Report = report
                }
        finally
            // kept only when it holds the config to run (the cache was not writable)
            if Directory.Exists workDir && not (succeeded && note.IsSome) then
                Directory.Delete(workDir, true)
