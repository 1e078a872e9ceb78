using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>
/// A value computed from configure keys, known once <c>mirage configure</c> has resolved them
/// (upstream's <c>'a Key.value</c>). Make one with <see cref="Key.Value{T}"/>, <see cref="Key.Pure{T}"/>,
/// <see cref="Map{TResult}"/>, <c>&amp;</c>, <c>|</c> and <c>!</c>; choose devices with it in
/// <see cref="Dsl.IfImpl{T}"/> and <see cref="Dsl.MatchImpl{TValue, T}"/>.
/// </summary>
public sealed class Value<T>
{
    internal Value(KeyValue keyValue) => KeyValue = keyValue;

    /// <summary>The engine's term.</summary>
    public KeyValue KeyValue { get; }

    /// <summary>Applies <paramref name="f"/> to the value.</summary>
    public Value<TResult> Map<TResult>(Func<T, TResult> f) where TResult : notnull =>
        new(KeyValue.Map(x => f((T)x)));

    /// <summary>Combines this value with <paramref name="other"/>.</summary>
    public Value<TResult> Map2<TOther, TResult>(Value<TOther> other, Func<T, TOther, TResult> f) where TResult : notnull =>
        new(KeyValue.Map2(KeyValue, other.KeyValue, (x, y) => f((T)x, (TOther)y)));

    /// <summary>Evaluates the value once keys are resolved (upstream's <c>Key.eval</c>).</summary>
    public T Evaluate(IKeyEnvironment keys) => (T)KeyValue.Evaluate(keys);
}

/// <summary>The boolean operators of conditions: <c>Key.Value(a) &amp; !Key.Value(b)</c>.</summary>
public static class Conditions
{
    extension(Value<bool>)
    {
        /// <summary>Both conditions hold.</summary>
        public static Value<bool> operator &(Value<bool> a, Value<bool> b) =>
            new(KeyValue.Map2(a.KeyValue, b.KeyValue, (x, y) => (bool)x && (bool)y));

        /// <summary>Either condition holds.</summary>
        public static Value<bool> operator |(Value<bool> a, Value<bool> b) =>
            new(KeyValue.Map2(a.KeyValue, b.KeyValue, (x, y) => (bool)x || (bool)y));

        /// <summary>The condition does not hold.</summary>
        public static Value<bool> operator !(Value<bool> a) => new(a.KeyValue.Map(x => !(bool)x));
    }
}
