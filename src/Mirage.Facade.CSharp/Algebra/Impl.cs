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
/// (upstream's <c>'a impl</c>).
/// </summary>
public sealed class Impl<T> : AbstractImpl
{
    internal Impl(Impl impl) : base(impl) { }
}

/// <summary>Functor application, typed: applying a functor to a device of another type does not compile.</summary>
public static class Functors
{
    /// <summary>Applies <paramref name="functor"/> to <paramref name="argument"/> (upstream's <c>$</c>).</summary>
    public static Impl<TResult> Apply<TArg, TResult>(this Impl<Fn<TArg, TResult>> functor, Impl<TArg> argument) =>
        new(Impl.Apply(functor.Impl, argument.Impl));
}
