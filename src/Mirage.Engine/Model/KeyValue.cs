namespace Mirage.Engine.Model;

/// <summary>The values of the configure keys, once resolved.</summary>
public interface IKeyEnvironment
{
    object ValueOf(Key key);
}

/// <summary>
/// A value computed from configure keys (upstream's <c>'a Key.value</c>): an applicative term that
/// knows which keys it reads, so the engine can list them and evaluate it once keys are resolved.
/// </summary>
public sealed class KeyValue
{
    private readonly Func<IKeyEnvironment, object> _evaluate;

    private KeyValue(IReadOnlyList<Key> keys, Func<IKeyEnvironment, object> evaluate)
    {
        Keys = keys;
        _evaluate = evaluate;
    }

    public IReadOnlyList<Key> Keys { get; }

    public object Evaluate(IKeyEnvironment environment) => _evaluate(environment);

    public static KeyValue Pure(object value) => new([], _ => value);

    public static KeyValue Of(Key key) => new([key], env => env.ValueOf(key));

    public KeyValue Map(Func<object, object> f) => new(Keys, env => f(_evaluate(env)));

    public static KeyValue Map2(KeyValue a, KeyValue b, Func<object, object, object> f) =>
        new([.. a.Keys, .. b.Keys.Where(k => !a.Keys.Contains(k))], env => f(a.Evaluate(env), b.Evaluate(env)));
}
