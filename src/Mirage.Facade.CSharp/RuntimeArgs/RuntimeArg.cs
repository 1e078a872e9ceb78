using Mirage.Devices.Arguments;
using EngineRuntimeArg = Mirage.Engine.Model.RuntimeArg;

namespace Mirage.CSharp;

/// <summary>A runtime argument of any type, for the <c>runtimeArgs</c> lists of <see cref="Dsl.Main{T}"/> and <see cref="Dsl.Impl{T}"/>.</summary>
public abstract class AbstractRuntimeArg
{
    private protected AbstractRuntimeArg(EngineRuntimeArg arg) => RuntimeArg = arg;

    /// <summary>The engine's runtime argument.</summary>
    public EngineRuntimeArg RuntimeArg { get; }

    /// <summary>The argument's name: <c>--name=value</c> when the unikernel starts.</summary>
    public string Name => RuntimeArg.Name;

    /// <inheritdoc/>
    public override string ToString() => RuntimeArg.Name;
}

/// <summary>
/// A runtime argument whose values have type <typeparamref name="T"/>: parsed when the unikernel
/// starts and handed to the devices that list it. Make one with <see cref="Dsl.RuntimeArg{T}"/>.
/// </summary>
public sealed class RuntimeArg<T> : AbstractRuntimeArg
{
    internal RuntimeArg(EngineRuntimeArg arg) : base(arg) { }
}

/// <summary>
/// The kinds of runtime arguments, each with its default: <c>ArgKind.String("Hello World!")</c>; the
/// <c>Required</c> ones have none, and the unikernel refuses to start without them.
/// </summary>
public static class ArgKind
{
    /// <summary><c>--name=STRING</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<string> String(string @default) => RuntimeArgKinds.String(@default);

    /// <summary><c>--name=STRING</c>, <c>null</c> when absent.</summary>
    public static RuntimeArgKind<string?> OptString() => RuntimeArgKinds.OptString();

    /// <summary><c>--name=INT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Int(int @default) => RuntimeArgKinds.Int(@default);

    /// <summary><c>--name=PORT</c> (1 to 65535, anything else refused when the unikernel starts), <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Port(int @default) => RuntimeArgKinds.Port(@default);

    /// <summary><c>--name=INT64</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<long> Int64(long @default) => RuntimeArgKinds.Int64(@default);

    /// <summary><c>--name=FLOAT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<double> Float(double @default) => RuntimeArgKinds.Float(@default);

    /// <summary><c>--name=true|false</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<bool> Bool(bool @default) => RuntimeArgKinds.Bool(@default);

    /// <summary><c>--name</c>: true when present.</summary>
    public static RuntimeArgKind<bool> Flag() => RuntimeArgKinds.Flag();

    /// <summary><c>--name=STRING</c>, which the unikernel cannot start without (upstream's <c>Arg.required</c>): exit 64, naming it.</summary>
    public static RuntimeArgKind<string> RequiredString() => RuntimeArgKinds.RequiredString();

    /// <summary><c>--name=INT</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<int> RequiredInt() => RuntimeArgKinds.RequiredInt();

    /// <summary><c>--name=INT64</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<long> RequiredInt64() => RuntimeArgKinds.RequiredInt64();

    /// <summary><c>--name=FLOAT</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<double> RequiredFloat() => RuntimeArgKinds.RequiredFloat();
}
