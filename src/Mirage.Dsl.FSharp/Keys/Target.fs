namespace Mirage

open Mirage.Engine.Targets

/// The platform a unikernel is built for: the value of the built-in <c>target</c> key.
type target =
    /// A plain .NET process.
    | Unix
    /// A trimmed Native AOT binary.
    | Aot

module internal Target =

    let name target =
        match target with
        | Unix -> KnownTargets.Unix.Name
        | Aot -> KnownTargets.Aot.Name

    let ofName (name: string) =
        if name = KnownTargets.Unix.Name then
            Unix
        elif name = KnownTargets.Aot.Name then
            Aot
        else
            invalidArg (nameof name) $"unknown target '{name}' (valid targets: {KnownTargets.Names})"
