namespace Mirage.Testing

open System.IO
open Mirage.Evaluation.Errors
open Mirage.Engine.Model

/// <summary>Loading a unikernel's <c>config.fsx</c> the way <c>mirage configure</c> does.</summary>
[<AbstractClass; Sealed>]
type Configs =

    /// <summary>
    /// Compiles and runs <paramref name="path"/> (a <c>config.fsx</c>) with the CLI's evaluator and
    /// returns what it registered. Compiled configs are cached like the CLI's.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The config does not compile or fails; the compiler's messages went to stderr.</exception>
    static member Load(path: string) : Registration =
        let path = Path.GetFullPath path

        if not (File.Exists path) then
            raise (FileNotFoundException($"no config at {path}", path))

        try
            (Mirage.Evaluation.ConfigEvaluator.evaluate path).Registration
        with MirageError(message, _) ->
            let why = if message = "" then "see the messages above" else message
            invalidOp $"{path} does not evaluate: {why}"
