namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-write store whose operations <see cref="KvMetrics"/> counts (see <see cref="CountedKvRo"/>):
/// the generated code puts one around every <c>kv_rw</c> device.
/// </summary>
public sealed class CountedKvRw : CountedKvRo, IKvRw
{
    private readonly IKvRw _store;

    private CountedKvRw(IKvRw store, KvMetrics metrics) : base(store, metrics) => _store = store;

    /// <summary><paramref name="store"/>, counted in <paramref name="metrics"/> (<see cref="KvMetrics.Shared"/> by default); a store already counted is returned as it is.</summary>
    public static IKvRw Wrap(IKvRw store, KvMetrics? metrics = null) =>
        store as CountedKvRw ?? new CountedKvRw(store, metrics ?? KvMetrics.Shared);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Metrics.Write(_store.SetAsync(key, value, cancellationToken), value.Length);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Metrics.Write(_store.SetPartialAsync(key, offset, data, cancellationToken), data.Length);

    /// <inheritdoc/>
    public ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default) =>
        Metrics.Write(_store.RemoveAsync(key, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default) =>
        Metrics.Write(_store.RenameAsync(source, destination, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default) =>
        Metrics.Write(_store.AllocateAsync(key, size, lastModified, cancellationToken));
}
