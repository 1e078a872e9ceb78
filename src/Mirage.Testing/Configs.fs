namespace Mirage.Testing

open System.IO
open Mirage.Engine.Model
open Mirage.Evaluation

/// <summary>Loading a unikernel's <c>config.fsx</c> the way <c>mirage configure</c> does.</summary>
[<AbstractClass; Sealed>]
type Configs =

    /// <summary>
    /// Compiles and runs <paramref name="path"/> (a <c>config.fsx</c>) with the CLI's evaluator and
    /// returns what it registered. Compiled configs are cached like the CLI's.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The config does not compile or fails; the
    /// message carries the compiler's (or the config's) errors.</exception>
    static member Load(path: string) : Registration =
        let path = Path.GetFullPath path

        if not (File.Exists path) then
            raise (FileNotFoundException($"no config at {path}", path))

        match ConfigEvaluator.evaluate path with
        | Ok evaluated -> evaluated.Registration
        | Error report ->
            let messages = report.Notes @ [ for d in report.Diagnostics -> d.Format(id, path) ]

            invalidOp $"""{path} does not evaluate:{"\n"}{String.concat "\n" messages}"""
