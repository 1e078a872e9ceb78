namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-only key/value store (upstream's <c>Mirage_kv.RO</c>): nested dictionaries binding
/// <see cref="Key"/>s to values (bytes) or to more dictionaries. Expected failures (a missing key,
/// a dictionary where a value was expected) are <see cref="KvError"/>s in the result; exceptions
/// mean a bug (a negative offset, say) or cancellation.
/// </summary>
public interface IKvRo
{
    /// <summary>
    /// What <paramref name="key"/> is bound to: <see cref="KvEntryKind.Value"/>,
    /// <see cref="KvEntryKind.Dictionary"/> (the empty key always is), or null when nothing is.
    /// </summary>
    ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>The value bound to <paramref name="key"/>; <see cref="KvErrorKind.ValueExpected"/> for a dictionary.</summary>
    ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="length"/> bytes of the value bound to <paramref name="key"/>, from
    /// <paramref name="offset"/>: fewer when the value ends first, none when it ends before the offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset or length.</exception>
    ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of the dictionary <paramref name="key"/>, with full keys (<c>key/name</c>), in key
    /// order; <see cref="KvErrorKind.DictionaryExpected"/> for a value.
    /// </summary>
    ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>When the value bound to <paramref name="key"/> last changed; <see cref="KvErrorKind.ValueExpected"/> for a dictionary.</summary>
    ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The SHA-256 of the value bound to <paramref name="key"/> (32 bytes; equal values, equal digests,
    /// whatever the store); <see cref="KvErrorKind.ValueExpected"/> for a dictionary.
    /// </summary>
    ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default);

    /// <summary>The length in bytes of the value bound to <paramref name="key"/>; <see cref="KvErrorKind.ValueExpected"/> for a dictionary.</summary>
    ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default);
}
