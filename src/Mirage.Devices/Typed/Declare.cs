using Mirage.CSharp;
using Mirage.Engine.Model;

namespace Mirage.Devices;

/// <summary>
/// How the catalogue declares a device with its type: the module type given is the one the
/// device is typed with, so a declaration cannot say one type to the engine and another to the
/// front ends.
/// </summary>
internal static class Declare
{
    /// <summary>
    /// A new device of module type <paramref name="typ"/>, connected by <paramref name="connect"/>
    /// (a key/value store's connect code counted by <see cref="CountedStores"/>).
    /// </summary>
    public static Impl<T> Device<T>(
        string moduleName,
        Typ<T> typ,
        ConnectEmitter connect,
        IReadOnlyList<Package>? packages = null,
        IReadOnlyList<Key>? keys = null,
        IReadOnlyList<RuntimeArg>? runtimeArgs = null,
        IReadOnlyList<AbstractImpl>? extraDeps = null,
        IReadOnlyList<string>? files = null,
        IReadOnlyList<ProjectItem>? projectItems = null) =>
        new(Impl.Of(new Mirage.Engine.Model.Device(
            moduleName,
            typ.Type,
            packages,
            keys,
            runtimeArgs,
            extraDeps?.Select(d => d.Impl).ToList(),
            CountedStores.Around(typ.Type, connect),
            files,
            projectItems: projectItems)));

    /// <summary>Applies <paramref name="functor"/> to <paramref name="argument"/> (upstream's <c>$</c>).</summary>
    public static Impl<TResult> Apply<TArg, TResult>(Impl<Fn<TArg, TResult>> functor, Impl<TArg> argument) =>
        new(Impl.Apply(functor.Impl, argument.Impl));

    /// <summary>The device of the first case equal to <paramref name="value"/> once keys are resolved, else <paramref name="otherwise"/>.</summary>
    public static Impl<T> Match<TValue, T>(KeyValue value, IReadOnlyList<(TValue Value, Impl<T> Impl)> cases, Impl<T> otherwise)
        where TValue : notnull =>
        new(new MatchImpl(value, [.. cases.Select(c => ((object)c.Value, c.Impl.Impl))], otherwise.Impl));
}
