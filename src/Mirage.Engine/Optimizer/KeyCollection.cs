using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (a): every configure key the graph names — by a device or by a choice's condition, reachable
/// or not, in every branch — since <c>configure --help</c> lists them all and a value may be given for
/// any. One name may be declared by several <see cref="Key"/> objects if they agree
/// (<see cref="Key.SameDeclaration"/>).
/// </summary>
internal static class KeyCollection
{
    /// <summary>The keys sorted by name; the first declaration of each name stands for all.</summary>
    public static IReadOnlyList<Key> Collect(DeviceGraph graph, IReadOnlyList<Key>? builtinKeys, DiagnosticBag diagnostics)
    {
        var byName = new Dictionary<string, Key>(StringComparer.Ordinal);
        if (builtinKeys is not null)
        {
            AddAll(builtinKeys);
        }
        foreach (var node in graph.Nodes)
        {
            switch (node)
            {
                case DeviceNode d:
                    AddAll(d.Device.Keys);
                    break;
                case IfNode c:
                    AddAll(c.Condition.Keys);
                    break;
                case MatchNode m:
                    AddAll(m.Value.Keys);
                    break;
            }
        }
        var keys = new Key[byName.Count];
        byName.Values.CopyTo(keys, 0);
        Array.Sort(keys, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return keys;

        void AddAll(IReadOnlyList<Key> keys)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                Add(keys[i]);
            }
        }

        void Add(Key key)
        {
            if (!byName.TryGetValue(key.Name, out var known))
            {
                byName.Add(key.Name, key);
            }
            else if (!ReferenceEquals(known, key) && !known.SameDeclaration(key))
            {
                diagnostics.Add(
                    "key-conflict",
                    $"configure key --{key.Name} is declared twice differently: {Declaration(known)} and {Declaration(key)}",
                    key.Location);
            }
        }
    }

    private static string Declaration(Key key) =>
        $"{key.Docv} (default {key.Print(key.Default)}) at {key.Location?.ToString() ?? "an unknown location"}";
}
