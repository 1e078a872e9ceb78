namespace Mirage.Runtime.KeyValue;

/// <summary>The expected failures of a key/value store (upstream's <c>Mirage_kv.error</c> and <c>write_error</c>).</summary>
public enum KvErrorKind
{
    /// <summary>Nothing is bound to the key.</summary>
    NotFound,

    /// <summary>The key (or a dictionary above it) is bound to a value where a dictionary was expected.</summary>
    DictionaryExpected,

    /// <summary>The key is bound to a dictionary where a value was expected.</summary>
    ValueExpected,

    /// <summary>No space is left on the device.</summary>
    NoSpace,

    /// <summary>A rename would move a dictionary inside itself.</summary>
    RenameSourcePrefix,

    /// <summary>The key is already bound (<see cref="IKvRw.AllocateAsync"/>).</summary>
    AlreadyPresent,

    /// <summary>The storage under the store failed (an I/O error), with the system's message.</summary>
    Storage,

    /// <summary>
    /// This store cannot hold the key (a name too long for its file system, a name it reserves, a
    /// way through a symbolic link out of its directory), as the detail says. Not in upstream's
    /// <c>write_error</c>, whose stores take any key.
    /// </summary>
    KeyUnsupported,

    /// <summary>
    /// This store only appends: it cannot change the size of a value, move a dictionary, or remove
    /// anything but its last value (tar-mirage's <c>`Append_only</c>).
    /// </summary>
    AppendOnly,
}

/// <summary>
/// An expected failure of a key/value store operation: what went wrong, for which key, and a message
/// saying so (<see cref="ToString"/>).
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Key">The key concerned (the source of a rename).</param>
/// <param name="Destination">The destination of a failed rename, if that is the problem.</param>
/// <param name="Detail">The system's message for a <see cref="KvErrorKind.Storage"/> error, the reason for <see cref="KvErrorKind.KeyUnsupported"/>.</param>
public sealed record KvError(KvErrorKind Kind, Key Key, Key? Destination = null, string? Detail = null)
{
    /// <summary>Nothing is bound to <paramref name="key"/>.</summary>
    public static KvError NotFound(Key key) => new(KvErrorKind.NotFound, key);

    /// <summary><paramref name="key"/> is a value where a dictionary was expected.</summary>
    public static KvError DictionaryExpected(Key key) => new(KvErrorKind.DictionaryExpected, key);

    /// <summary><paramref name="key"/> is a dictionary where a value was expected.</summary>
    public static KvError ValueExpected(Key key) => new(KvErrorKind.ValueExpected, key);

    /// <summary>No space left while writing <paramref name="key"/>.</summary>
    public static KvError NoSpace(Key key) => new(KvErrorKind.NoSpace, key);

    /// <summary><paramref name="key"/> is already bound.</summary>
    public static KvError AlreadyPresent(Key key) => new(KvErrorKind.AlreadyPresent, key);

    /// <summary>Renaming the dictionary <paramref name="source"/> into <paramref name="destination"/>, below itself.</summary>
    public static KvError RenameSourcePrefix(Key source, Key destination) =>
        new(KvErrorKind.RenameSourcePrefix, source, destination);

    /// <summary>The storage failed on <paramref name="key"/>, as <paramref name="detail"/> says.</summary>
    public static KvError Storage(Key key, string detail) => new(KvErrorKind.Storage, key, Detail: detail);

    /// <summary>This store cannot hold <paramref name="key"/>, because of <paramref name="reason"/>.</summary>
    public static KvError KeyUnsupported(Key key, string reason) => new(KvErrorKind.KeyUnsupported, key, Detail: reason);

    /// <summary><paramref name="key"/> cannot be changed so in an append-only store, because of <paramref name="reason"/>.</summary>
    public static KvError AppendOnly(Key key, string reason) => new(KvErrorKind.AppendOnly, key, Detail: reason);

    /// <summary>The message: <c>cannot find the key /a/b</c>.</summary>
    public override string ToString() => Kind switch
    {
        KvErrorKind.NotFound => $"cannot find the key {Key}",
        KvErrorKind.DictionaryExpected => $"expected a dictionary at the key {Key}, found a value",
        KvErrorKind.ValueExpected => $"expected a value at the key {Key}, found a dictionary",
        KvErrorKind.NoSpace => $"no space left on the device while writing {Key}",
        KvErrorKind.RenameSourcePrefix => $"cannot rename {Key} to {Destination}: the destination is inside the source",
        KvErrorKind.AlreadyPresent => $"the key {Key} is already present",
        KvErrorKind.KeyUnsupported => $"this store cannot hold the key {Key}: {Detail}",
        KvErrorKind.AppendOnly => $"append only: cannot change {Key}: {Detail}",
        _ => $"storage error for the key {Key}: {Detail}",
    };
}
