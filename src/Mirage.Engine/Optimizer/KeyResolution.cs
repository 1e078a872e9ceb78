using System.Collections.Immutable;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;
using Mirage.Engine.Targets;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (b): the value of every key, from the command line (<c>--name=value</c>) or else its default.
/// The built-in <c>target</c> key takes the configured target when no value is given for it, so that
/// choices on it agree with <see cref="ResolvedGraph.Target"/>.
/// </summary>
internal static class KeyResolution
{
    /// <summary>The resolved keys, sorted by name as <paramref name="keys"/> are.</summary>
    public static ImmutableArray<ResolvedKey> Resolve(
        IReadOnlyList<Key> keys,
        IReadOnlyDictionary<string, string> keyValues,
        string target,
        DiagnosticBag diagnostics)
    {
        ReportUnknownKeys(keys, keyValues, diagnostics);
        var resolved = ImmutableArray.CreateBuilder<ResolvedKey>(keys.Count);
        foreach (var key in keys)
        {
            if (keyValues.TryGetValue(key.Name, out var text))
            {
                resolved.Add(Parse(key, text, diagnostics));
            }
            else if (key.Name == KnownTargets.Key.Name && target.Length > 0 && !Equals(target, key.Default))
            {
                resolved.Add(Parse(key, target, diagnostics));
            }
            else
            {
                resolved.Add(new ResolvedKey(key, key.Default, IsDefault: true));
            }
        }
        return resolved.MoveToImmutable();
    }

    /// <summary>An unparsable value is reported; the default stands in so the other keys still get checked.</summary>
    private static ResolvedKey Parse(Key key, string text, DiagnosticBag diagnostics)
    {
        if (key.TryParse(text, out var value, out var error))
        {
            return new ResolvedKey(key, value!, IsDefault: false);
        }
        var reason = error.Length > 0 ? $" ({error})" : "";
        diagnostics.Add("bad-key-value", $"invalid value '{text}' for --{key.Name}: expected {key.Docv}{reason}", key.Location);
        return new ResolvedKey(key, key.Default, IsDefault: true);
    }

    private static void ReportUnknownKeys(
        IReadOnlyList<Key> keys,
        IReadOnlyDictionary<string, string> keyValues,
        DiagnosticBag diagnostics)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            known.Add(key.Name);
        }
        var given = keyValues.Keys.ToArray();
        Array.Sort(given, StringComparer.Ordinal);
        foreach (var name in given)
        {
            if (!known.Contains(name))
            {
                var names = keys.Count == 0 ? "none" : string.Join(", ", keys.Select(k => k.Name));
                diagnostics.Add("unknown-key", $"unknown configure key --{name} (known keys: {names})");
            }
        }
    }
}
