using Mirage.Engine.Model;

namespace Mirage.CSharp;

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
