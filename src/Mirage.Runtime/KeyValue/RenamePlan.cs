namespace Mirage.Runtime.KeyValue;

/// <summary>
/// Where a rename puts its source, decided once for every store so that they all agree
/// (upstream's <c>Mirage_kv.RW.rename</c>): onto a missing key or a value, in place; into a
/// dictionary, inside it. The store then checks the way to <see cref="Target"/> and moves.
/// </summary>
internal readonly record struct RenamePlan(Key Target, bool Nothing, KvError? Error)
{
    public static RenamePlan Decide(
        Key source, KvEntryKind? sourceKind, Key destination, KvEntryKind? destinationKind, Func<Key, KvEntryKind?> kindOf)
    {
        if (sourceKind is not { } kind)
        {
            return Fail(KvError.NotFound(source));
        }
        if (kind == KvEntryKind.Dictionary && source.IsPrefixOf(destination))
        {
            return Fail(KvError.RenameSourcePrefix(source, destination));
        }
        var target = destinationKind == KvEntryKind.Dictionary ? destination.Add(source.Basename) : destination;
        if (target == source)
        {
            return new RenamePlan(target, Nothing: true, null);
        }
        if (kind == KvEntryKind.Dictionary && kindOf(target) == KvEntryKind.Value)
        {
            return Fail(KvError.ValueExpected(source));
        }
        return new RenamePlan(target, Nothing: false, null);
    }

    private static RenamePlan Fail(KvError error) => new(default, Nothing: false, error);
}
