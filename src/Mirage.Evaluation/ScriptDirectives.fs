/// What a config's `#load`, `#r` and `#I` directives name, read from its text without compiling it.
module Mirage.Evaluation.ScriptDirectives

open System
open System.IO
open System.Text.RegularExpressions

let private directiveLine =
    lazy Regex(@"^\s*#(load|r|reference|I|include)\b(.*)$", RegexOptions.Multiline)

let private quoted = lazy Regex("\"([^\"]*)\"")

let private isRelativePath (path: string) =
    not (path.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
    && not (Path.IsPathRooted path)

/// The files a config `#load`s directly, as absolute paths (loads inside loaded files are not followed).
let loadedFiles (configDir: string) (text: string) =
    [
        for line in directiveLine.Value.Matches text do
            if line.Groups[1].Value = "load" then
                for file in quoted.Value.Matches line.Groups[2].Value do
                    yield Path.GetFullPath(Path.Combine(configDir, file.Groups[1].Value))
    ]

/// The text with every relative path in a directive made absolute against `configDir`, so that a
/// copy compiled from another folder loads and references what the original does. Lines keep their
/// count and order.
let withAbsolutePaths (configDir: string) (text: string) =
    directiveLine.Value.Replace(
        text,
        fun line ->
            let arguments =
                quoted.Value.Replace(
                    line.Groups[2].Value,
                    fun file ->
                        let path = file.Groups[1].Value

                        if isRelativePath path then
                            "\""
                            + Path.GetFullPath(Path.Combine(configDir, path)).Replace("\\", "\\\\")
                            + "\""
                        else
                            file.Value
                )

            line.Value.Substring(0, line.Groups[2].Index - line.Index) + arguments
    )
