namespace Mirage

open Mirage.Engine.Model

/// <summary>
/// A module type, statically indexed by the phantom type <c>'a</c>: <c>sleep typ</c>, or
/// <c>(sleep -> job) typ</c> for a functor (built with <c>@-&gt;</c>). Upstream's <c>'a typ</c>.
/// </summary>
[<Sealed>]
type 'a typ internal (moduleType: ModuleType) =

    /// The engine's module type.
    member _.Type = moduleType

    override _.Equals(other) =
        match other with
        | :? ('a typ) as t -> t.Type = moduleType
        | _ -> false

    override _.GetHashCode() = moduleType.GetHashCode()

    override _.ToString() = string moduleType
