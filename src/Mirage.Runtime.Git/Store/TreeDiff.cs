using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Git.Store;

/// <summary>How a key changed between two trees.</summary>
public enum ChangeKind
{
    /// <summary>A value appeared.</summary>
    Add,

    /// <summary>A value went away.</summary>
    Remove,

    /// <summary>A value changed.</summary>
    Change,
}

/// <summary>One value that changed (upstream's git-kv <c>pull</c> answers a list of these).</summary>
public readonly record struct KeyChange(ChangeKind Kind, Key Key);

/// <summary>The values that differ between two trees, in key order; shared subtrees are skipped by name.</summary>
public static class TreeDiff
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/> (null: the empty tree).</summary>
    public static IReadOnlyList<KeyChange> Compare(ObjectStore store, ObjectId? before, ObjectId? after)
    {
        var changes = new List<KeyChange>();
        Walk(store, before, after, Key.Empty, changes);
        return changes;
    }

    private static void Walk(ObjectStore store, ObjectId? before, ObjectId? after, Key at, List<KeyChange> changes)
    {
        if (before == after)
        {
            return;
        }
        var old = before is { } b ? store.Tree(b).ToDictionary(e => e.Name) : [];
        var now = after is { } a ? store.Tree(a).ToDictionary(e => e.Name) : [];
        foreach (var name in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(name);
            var isNow = now.GetValueOrDefault(name);
            if (was?.Id == isNow?.Id && was?.Mode == isNow?.Mode)
            {
                continue;
            }
            var key = at / name;
            // A value replaced by a dictionary (or the reverse) is one removal and the other side's additions.
            Walk(store, was is { IsTree: true } ? was.Id : null, isNow is { IsTree: true } ? isNow.Id : null, key, changes);
            var wasValue = was is { IsTree: false };
            var isValue = isNow is { IsTree: false };
            if (wasValue || isValue)
            {
                changes.Add(new KeyChange(wasValue && isValue ? ChangeKind.Change : wasValue ? ChangeKind.Remove : ChangeKind.Add, key));
            }
        }
    }
}
