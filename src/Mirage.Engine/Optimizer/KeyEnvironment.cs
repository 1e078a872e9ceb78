using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// The resolved key values, looked up by key name: two <see cref="Key"/> objects declaring one name
/// read one value.
/// </summary>
public sealed class KeyEnvironment : IKeyEnvironment
{
    private readonly Dictionary<string, object> _values;

    public KeyEnvironment(IEnumerable<ResolvedKey> keys)
    {
        _values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _values[key.Key.Name] = key.Value;
        }
    }

    public object ValueOf(Key key) =>
        _values.TryGetValue(key.Name, out var value)
            ? value
            : throw new KeyNotFoundException($"configure key --{key.Name} is not declared by any device or condition");
}
