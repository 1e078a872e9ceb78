namespace Mirage

open Mirage.Engine.Model

/// Source locations from the caller-info arguments of the DSL's functions.
module internal Location =

    /// The caller's place in config.fsx, when the compiler filled it in.
    let ofCaller (file: string option) (line: int option) : SourceLocation | null =
        match file with
        | Some path when path <> "" -> SourceLocation(path, defaultArg line 0)
        | _ -> null

    /// A location for an error message.
    let describe (location: SourceLocation | null) =
        match location with
        | null -> "an unknown location"
        | l -> string l
