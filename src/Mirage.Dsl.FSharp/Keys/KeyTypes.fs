namespace Mirage

open Mirage.Engine.Model

/// <summary>A configure key of any type, for the <c>keys</c> list of <c>main</c> and <c>impl</c>: upstream's <c>Key.t</c>.</summary>
[<AbstractClass>]
type abstract_key internal (key: Key) =

    /// The engine's key.
    member _.Key = key

    /// The key's name: <c>--name=value</c> on <c>mirage configure</c>.
    member _.Name = key.Name

    override _.ToString() = key.Name

/// <summary>A configure key whose values have type <c>'a</c>: upstream's <c>'a key</c>. Make one with <c>Key.create</c>.</summary>
[<Sealed>]
type 'a key internal (key: Key) =
    inherit abstract_key(key)
