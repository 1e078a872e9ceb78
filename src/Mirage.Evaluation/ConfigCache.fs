/// Compiled configs (config.fsx and config.cs alike), cached by content hash so that an unchanged
/// config is never compiled twice: a cache hit loads one small assembly and never loads a compiler.
module Mirage.Evaluation.ConfigCache

open System
open System.IO
open System.Reflection
open System.Security.Cryptography
open System.Text
open Mirage.Evaluation.Errors

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

/// The compiled config for `key`, from the cache or made by `compile workDir outputDll` (which
/// prints its own diagnostics and says whether it succeeded); a failed compile exits 1 and caches
/// nothing. Returns the assembly's path and whether it came from the cache.
let getOrCompile key (compile: string -> string -> bool) =
    let cached = assemblyPath key

    if File.Exists cached then
        cached, true
    else
        let finalDir = Path.GetDirectoryName cached
        let workDir = finalDir + $".tmp-{Environment.ProcessId}"

        if Directory.Exists workDir then
            Directory.Delete(workDir, true)

        Directory.CreateDirectory workDir |> ignore

        try
            if not (compile workDir (Path.Combine(workDir, "config.dll"))) then
                raise (MirageError("", 1))

            try
                Directory.Move(workDir, finalDir)
            with :? IOException when File.Exists cached ->
                () // another mirage compiled the same config at the same time

            cached, false
        finally
            if Directory.Exists workDir then
                Directory.Delete(workDir, true)
