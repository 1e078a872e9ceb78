namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-only store whose operations <see cref="KvMetrics"/> counts, passing each to the store
/// unchanged. The generated code puts one around every <c>kv_ro</c> device, whichever store it is,
/// so that no store counts for itself.
/// </summary>
public class CountedKvRo : IKvRo
{
    private readonly IKvRo _store;

    /// <summary>Counts <paramref name="store"/>'s operations in <paramref name="metrics"/>.</summary>
    protected CountedKvRo(IKvRo store, KvMetrics metrics)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    /// <summary>Where the operations are counted.</summary>
    protected KvMetrics Metrics { get; }

    /// <summary><paramref name="store"/>, counted in <paramref name="metrics"/> (<see cref="KvMetrics.Shared"/> by default); a store already counted is returned as it is.</summary>
    public static IKvRo Wrap(IKvRo store, KvMetrics? metrics = null) =>
        store as CountedKvRo ?? new CountedKvRo(store, metrics ?? KvMetrics.Shared);

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Lookup(_store.ExistsAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Read(_store.GetAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default) =>
        Metrics.Read(_store.GetPartialAsync(key, offset, length, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Lookup(_store.ListAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Lookup(_store.LastModifiedAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Lookup(_store.DigestAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Lookup(_store.SizeAsync(key, cancellationToken));

    /// <inheritdoc/>
    public override string? ToString() => _store.ToString();
}
