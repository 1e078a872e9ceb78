/// Compiled configs, cached by content hash so that an unchanged config.fsx is never compiled twice:
/// a cache hit loads one small assembly and never loads the F# compiler.
module Mirage.Cli.Evaluation.ConfigCache

open System
open System.IO
open System.Security.Cryptography
open System.Text

/// `MIRAGE_CACHE_DIR`, else `$XDG_CACHE_HOME/mirage`, else `~/.cache/mirage`.
let directory () =
    match Environment.GetEnvironmentVariable "MIRAGE_CACHE_DIR" with
    | NonNull dir when dir <> "" -> dir
    | _ ->
        match Environment.GetEnvironmentVariable "XDG_CACHE_HOME" with
        | NonNull dir when dir <> "" -> Path.Combine(dir, "mirage")
        | _ -> Path.Combine(Environment.GetFolderPath Environment.SpecialFolder.UserProfile, ".cache", "mirage")

/// The key: the config's bytes and path (errors and `#line` name it), the bytes of the files it
/// `#load`s, and the identity of every Mirage assembly and of the runtime it was compiled against.
/// A rebuilt DSL or an edited loaded file invalidates the entry.
let key (configPath: string) (configText: string) =
    let mirage =
        [
            typeof<Mirage.Registry>.Assembly
            typeof<Mirage.Engine.Model.Device>.Assembly
            typeof<Mirage.Devices.Catalogue>.Assembly
            typeof<list<int>>.Assembly
        ]
        |> List.map (fun a -> a.ManifestModule.ModuleVersionId.ToString())

    let loaded =
        ScriptDirectives.loadedFiles (Path.GetDirectoryName configPath) configText
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
                yield "mirage-config-v1"
                yield Environment.Version.ToString()
                yield configPath
                yield! mirage
                yield configText
                yield! loaded
            ]

    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes material)).ToLowerInvariant()

/// Where the compiled config for `key` lives.
let assemblyPath key =
    Path.Combine(directory (), "configs", key, "config.dll")
