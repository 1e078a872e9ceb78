namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-write key/value store (upstream's <c>Mirage_kv.RW</c>). Writes return null on success and
/// the <see cref="KvError"/> otherwise. Writing below a key creates the dictionaries on the way;
/// writing below a value is <see cref="KvErrorKind.DictionaryExpected"/> for that value's key.
/// </summary>
public interface IKvRw : IKvRo
{
    /// <summary>Binds <paramref name="key"/> to <paramref name="value"/>, replacing what was bound there (a dictionary too).</summary>
    ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="data"/> into the value bound to <paramref name="key"/> at
    /// <paramref name="offset"/>, keeping the bytes after it. Past the end of the value, the data is
    /// appended at its end (no gap); a missing key becomes <paramref name="data"/>.
    /// <see cref="KvErrorKind.ValueExpected"/> for a dictionary.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset.</exception>
    ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes whatever is bound to <paramref name="key"/>: a value, or a dictionary with everything
    /// in it (the empty key empties the store). Removing a key that is not there succeeds.
    /// </summary>
    ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="destination"/>. A value replaces a value
    /// bound there; into an existing dictionary, the source moves inside it (<c>destination/basename</c>).
    /// <see cref="KvErrorKind.NotFound"/> for a missing source, <see cref="KvErrorKind.ValueExpected"/>
    /// for a dictionary onto a value, <see cref="KvErrorKind.RenameSourcePrefix"/> for a dictionary
    /// into itself.
    /// </summary>
    ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Binds <paramref name="key"/> to <paramref name="size"/> zero bytes, last modified at
    /// <paramref name="lastModified"/> (now by default); <see cref="KvErrorKind.AlreadyPresent"/> if
    /// anything is bound there, <see cref="KvErrorKind.NoSpace"/> if it does not fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size.</exception>
    ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default);
}
