namespace Mirage.Runtime.KeyValue;

/// <summary>What a key is bound to: a value or a dictionary (upstream's <c>`Value | `Dictionary</c>).</summary>
public enum KvEntryKind
{
    /// <summary>A value: bytes.</summary>
    Value,

    /// <summary>A dictionary: more keys below it.</summary>
    Dictionary,
}

/// <summary>An entry of a dictionary, as <see cref="IKvRo.ListAsync"/> returns it: its full key and its kind.</summary>
public readonly record struct KvEntry(Key Key, KvEntryKind Kind);
