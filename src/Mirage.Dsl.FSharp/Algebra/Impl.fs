namespace Mirage

open Mirage.Engine.Model

/// <summary>
/// A device of any module type, for lists that mix types (<c>deps</c>, <c>extra_deps</c>):
/// upstream's <c>abstract_impl</c>. Every <c>'a impl</c> is one.
/// </summary>
[<AbstractClass>]
type abstract_impl internal (impl: Impl) =

    /// The engine's term.
    member _.Impl = impl

    override _.ToString() = string impl.Type

/// <summary>
/// A device, a functor application or a choice between devices, of module type <c>'a</c>:
/// upstream's <c>'a impl</c>.
/// </summary>
[<Sealed>]
type 'a impl internal (impl: Impl) =
    inherit abstract_impl(impl)

    /// The module type.
    member _.Typ: 'a typ = typ<'a> impl.Type
