using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>A device of any module type, for lists that mix types (upstream's <c>abstract_impl</c>).</summary>
public abstract class AbstractImpl
{
    private protected AbstractImpl(Impl impl) => Impl = impl;

    /// <summary>The engine's term.</summary>
    public Impl Impl { get; }

    /// <inheritdoc/>
    public override string ToString() => Impl.Type.ToString();
}

/// <summary>
/// A device, a functor application or a choice between devices, of module type <typeparamref name="T"/>
/// (upstream's <c>'a impl</c>). A functor (<c>Impl&lt;Fn&lt;A, B&gt;&gt;</c>) is applied with
/// <c>functor.Apply(argument)</c>.
/// </summary>
public sealed class Impl<T> : AbstractImpl
{
    /// <summary>Types an engine term; the catalogue's wrappers (<see cref="Devices"/>) are made this way.</summary>
    internal Impl(Impl impl) : base(impl) { }

    /// <summary>The module type.</summary>
    public Typ<T> Typ => new(Impl.Type);
}

/// <summary>
/// Applies a functor to its argument: what <c>functor.Apply</c> returns. Being a delegate whose
/// argument type is fixed by the functor, a device of another module type is rejected with
/// <c>CS1503: cannot convert from 'Impl&lt;Random&gt;' to 'Impl&lt;Sleep&gt;'</c>, naming both types.
/// </summary>
/// <typeparam name="TArg">The functor's argument type.</typeparam>
/// <typeparam name="TResult">The functor's result type.</typeparam>
/// <param name="argument">A device of the functor's argument type.</param>
public delegate Impl<TResult> Application<TArg, TResult>(Impl<TArg> argument);

/// <summary>Functor application, typed: applying a functor to a device of another type does not compile.</summary>
public static class Functors
{
    extension<TArg, TResult>(Impl<Fn<TArg, TResult>> functor)
    {
        /// <summary>
        /// Applies the functor (upstream's <c>$</c>): <c>main.Apply(Devices.DefaultSleep)</c>. The
        /// functor's type alone fixes the argument's, so a wrong argument is reported as such
        /// (CS1503, naming the expected and the given types) rather than as a failed inference.
        /// </summary>
        public Application<TArg, TResult> Apply => argument => ApplyTo(functor, argument);
    }

    /// <summary>
    /// Applies <paramref name="functor"/> to <paramref name="argument"/>, as a plain static method
    /// for languages without C# 14 extension members (F#: <c>Functors.ApplyTo(main, sleep)</c>).
    /// </summary>
    public static Impl<TResult> ApplyTo<TArg, TResult>(Impl<Fn<TArg, TResult>> functor, Impl<TArg> argument) =>
        new(Impl.Apply(functor.Impl, argument.Impl));
}
