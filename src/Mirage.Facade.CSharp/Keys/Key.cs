using System.Runtime.CompilerServices;
using Mirage.Devices.Conversion;
using Mirage.Engine.Model;
using Mirage.Engine.Targets;
using EngineKey = Mirage.Engine.Model.Key;

namespace Mirage.CSharp;

/// <summary>A configure key of any type, for the <c>keys</c> lists of <see cref="Dsl.Main{T}"/> and <see cref="Dsl.Impl{T}"/>.</summary>
public abstract class AbstractKey
{
    private protected AbstractKey(EngineKey key) => Key = key;

    /// <summary>The engine's key.</summary>
    public EngineKey Key { get; }

    /// <summary>The key's name: <c>--name=value</c> on <c>mirage configure</c>.</summary>
    public string Name => Key.Name;

    /// <inheritdoc/>
    public override string ToString() => Key.Name;
}

/// <summary>A configure key whose values have type <typeparamref name="T"/> (upstream's <c>'a key</c>). Make one with <see cref="Key.Create{T}"/>.</summary>
public sealed class Key<T> : AbstractKey
{
    internal Key(EngineKey key) : base(key) { }

    /// <summary>The key's value, once resolved (upstream's <c>Key.value</c>).</summary>
    public Value<T> Value => new(KeyValue.Of(Key));
}

/// <summary>What a key reads, its default and its help text (upstream's <c>'a Key.Arg.t</c>): make one with <see cref="Key.Arg"/>.</summary>
/// <param name="Converter">How values are parsed, printed and written into C#.</param>
/// <param name="Default">The value when the key is not given.</param>
/// <param name="Info">The help text.</param>
public sealed record KeyArg<T>(Converter<T> Converter, T Default, KeyInfo Info);

/// <summary>A key's help text (upstream's <c>Key.Arg.info</c>).</summary>
/// <param name="Doc">What the key does.</param>
/// <param name="Docv">What a value looks like (<c>STRING</c>); the converter's when null.</param>
public sealed record KeyInfo(string Doc, string? Docv = null);

/// <summary>
/// Configure keys and the values computed from them (upstream's <c>Key</c>):
/// <code>
/// var hello = Key.Create("hello", Key.Arg.Opt(Key.Arg.String, "Hello World!", Key.Arg.Info("How to say hello.")));
/// </code>
/// </summary>
public static partial class Key
{
    /// <summary>Describes keys (upstream's <c>Key.Arg</c>).</summary>
    public static class Arg
    {
        /// <summary>Any string.</summary>
        public static Converter<string> String => Converters.String;

        /// <summary><c>true</c> or <c>false</c>.</summary>
        public static Converter<bool> Bool => Converters.Bool;

        /// <summary>A 32-bit integer.</summary>
        public static Converter<int> Int => Converters.Int;

        /// <summary>A 64-bit integer.</summary>
        public static Converter<long> Int64 => Converters.Int64;

        /// <summary>A double-precision number.</summary>
        public static Converter<double> Float => Converters.Float;

        /// <summary>One of the named values: <c>Key.Arg.Enum(("small", Size.Small), ("large", Size.Large))</c>.</summary>
        public static Converter<T> Enum<T>(params IEnumerable<(string Name, T Value)> cases) => Converters.Enum(cases);

        /// <summary>Help text for a key; <paramref name="docv"/> overrides what a value looks like.</summary>
        public static KeyInfo Info(string doc, string? docv = null) => new(doc, docv);

        /// <summary>A key with a value, <paramref name="default"/> when not given.</summary>
        public static KeyArg<T> Opt<T>(Converter<T> converter, T @default, KeyInfo info) => new(converter, @default, info);

        /// <summary>A boolean key, false unless given.</summary>
        public static KeyArg<bool> Flag(KeyInfo info) => new(Converters.Bool, false, info);
    }

    /// <summary>
    /// The configure key <c>--name</c>, described by <paramref name="arg"/> (upstream's <c>Key.create</c>).
    /// Keys with one name are one key when their declarations agree.
    /// </summary>
    /// <param name="name">Lowercase letters, digits, '-' or '_', starting with a letter.</param>
    /// <param name="arg">What the key reads, its default and its help text, from <see cref="Arg"/>.</param>
    /// <param name="file">Filled in by the compiler: where the key is declared, for errors.</param>
    /// <param name="line">Filled in by the compiler.</param>
    public static Key<T> Create<T>(
        string name,
        KeyArg<T> arg,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0) =>
        new(arg.Converter.CreateKey(name, arg.Default, arg.Info.Doc, arg.Info.Docv, Locations.Of(file, line)));

    /// <summary>The value of <paramref name="key"/> (upstream's <c>Key.value</c>).</summary>
    public static Value<T> Value<T>(Key<T> key) => key.Value;

    /// <summary>A value that reads no key (upstream's <c>Key.pure</c>).</summary>
    public static Value<T> Pure<T>(T value) where T : notnull => new(KeyValue.Pure(value));

    /// <summary>The target being configured (upstream's <c>Key.target</c>), from <c>mirage configure -t unix|aot</c>.</summary>
    public static Value<Target> Target { get; } =
        new(KeyValue.Of(KnownTargets.Key).Map(name => Targets.OfName((string)name)));
}
