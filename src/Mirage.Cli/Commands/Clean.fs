/// `mirage clean`: remove what configure and build wrote, and nothing else: generated files carry a
/// marker, and only those (plus the build's own folders and the binary in dist/) are deleted.
module Mirage.Cli.Commands.Clean

open System.IO
open Mirage.Engine
open Mirage.Engine.Output

let run (configPath: string) =
    let output = Configurator.OutputDirectoryOf configPath
    let configDir = Path.GetDirectoryName configPath

    if Directory.Exists output then
        let names =
            Directory.GetFiles(output, "*.csproj")
            |> Array.filter OutputWriter.IsGenerated
            |> Array.map Path.GetFileNameWithoutExtension

        for name in names do
            let binary = Configurator.BinaryOf(configDir, name)

            if File.Exists binary then
                File.Delete binary

        for dir in [ "bin"; "obj"; "publish" ] do
            let path = Path.Combine(output, dir)

            if Directory.Exists path then
                Directory.Delete(path, true)

        for file in Directory.GetFiles output do
            if OutputWriter.IsGenerated file then
                File.Delete file

        if Directory.GetFileSystemEntries(output).Length = 0 then
            Directory.Delete output

    let dist = Configurator.DistDirectoryOf configDir

    if Directory.Exists dist && Directory.GetFileSystemEntries(dist).Length = 0 then
        Directory.Delete dist

    0
