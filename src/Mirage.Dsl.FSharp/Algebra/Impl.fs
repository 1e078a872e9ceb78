namespace Mirage

/// <summary>
/// A device of any module type, for lists that mix types (<c>deps</c>, <c>extra_deps</c>):
/// upstream's <c>abstract_impl</c>. Every <c>'a impl</c> is one.
/// </summary>
type abstract_impl = Mirage.CSharp.AbstractImpl

/// <summary>
/// A device, a functor application or a choice between devices, of module type <c>'a</c>:
/// upstream's <c>'a impl</c>; the catalogue's <c>Impl&lt;T&gt;</c>, so its devices are used as they are.
/// </summary>
type 'a impl = Mirage.CSharp.Impl<'a>

/// The catalogue's functors (<c>Impl&lt;Fn&lt;A, B&gt;&gt;</c>) as F# functors (<c>(a -> b) impl</c>).
module internal Functor =

    /// A functor of one argument.
    let curried1 (functor: Mirage.CSharp.Impl<Mirage.CSharp.Fn<'a, 'b>>) : ('a -> 'b) impl = impl<'a -> 'b> functor.Impl

    /// A functor of two arguments.
    let curried2 (functor: Mirage.CSharp.Impl<Mirage.CSharp.Fn<'a, Mirage.CSharp.Fn<'b, 'c>>>) : ('a -> 'b -> 'c) impl =
        impl<'a -> 'b -> 'c> functor.Impl

    /// A functor of three arguments.
    let curried3
        (functor: Mirage.CSharp.Impl<Mirage.CSharp.Fn<'a, Mirage.CSharp.Fn<'b, Mirage.CSharp.Fn<'c, 'd>>>>)
        : ('a -> 'b -> 'c -> 'd) impl =
        impl<'a -> 'b -> 'c -> 'd> functor.Impl
