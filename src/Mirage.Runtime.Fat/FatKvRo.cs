using Mirage.Runtime.Block;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Fat;

/// <summary>
/// A FAT12/16/32 file system on a block device as a read-only key/value store (upstream's
/// <c>fat_ro</c>, ocaml-fat's <c>KV_RO</c>): files are values, directories dictionaries, long
/// (VFAT) names are keys. Connecting reads the tables and directories; values are read in place.
/// </summary>
public sealed class FatKvRo : IKvRo
{
    /// <summary>The most bytes one device read brings in (a run of neighbouring clusters).</summary>
    private const int MaxReadBytes = 1 << 20;

    private readonly IBlock _block;
    private readonly FatIndex _index;

    private FatKvRo(IBlock block, FatIndex index)
    {
        _block = block;
        _index = index;
    }

    /// <summary>The FAT variant of the file system.</summary>
    public FatKind Kind => _index.Layout.Kind;

    /// <summary>Reads the file system on <paramref name="block"/> (the connect code of <c>fat_ro</c>).</summary>
    /// <exception cref="InvalidDataException">The file system is damaged (a chain that loops or leaves it, a size past its chain, a <c>..</c> name); the message says where.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task<FatKvRo> ConnectAsync(IBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new FatKvRo(block, await FatIndex.ReadAsync(block, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<KvResult<KvEntryKind?>>(_index.Kind(key));

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default) =>
        GetPartialAsync(key, 0, int.MaxValue, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (Find(key) is { } error)
        {
            return error;
        }
        var file = _index.Value(key)!;
        if (!PartialRead.Buffer(key, file.Size, offset, length).TryGetValue(out var data, out var tooLarge))
        {
            return tooLarge;
        }
        return await ReadAsync(file, offset, data, cancellationToken).ConfigureAwait(false) is { } failed
            ? KvError.Storage(key, failed)
            : (ReadOnlyMemory<byte>)data;
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_index.Kind(key) switch
        {
            KvEntryKind.Dictionary => KvResult<IReadOnlyList<KvEntry>>.Ok(_index.Entries(key)),
            KvEntryKind.Value => KvError.DictionaryExpected(key),
            _ => KvError.NotFound(key),
        });

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find(key) is { } error ? error : KvResult<DateTimeOffset>.Ok(_index.Value(key)!.Modified));

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find(key) is { } error ? error : KvResult<long>.Ok(_index.Value(key)!.Size));

    /// <inheritdoc/>
    public async ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default)
    {
        if (Find(key) is { } error)
        {
            return error;
        }
        var file = _index.Value(key)!;
        return await ChunkedDigest.Sha256Async(key, file.Size, (at, part, ct) => ReadAsync(file, at, part, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error of reading <paramref name="key"/> as a value, or null when it is one.</summary>
    private KvError? Find(Key key) => _index.Kind(key) switch
    {
        KvEntryKind.Value => null,
        KvEntryKind.Dictionary => KvError.ValueExpected(key),
        _ => KvError.NotFound(key),
    };

    /// <summary>
    /// Fills <paramref name="target"/> with <paramref name="file"/>'s bytes from <paramref name="offset"/>
    /// (inside the file), a run of neighbouring clusters per device read; the failure's text, or null.
    /// </summary>
    private async ValueTask<string?> ReadAsync(FatFile file, long offset, Memory<byte> target, CancellationToken cancellationToken)
    {
        var layout = _index.Layout;
        var clusterBytes = layout.ClusterBytes;
        var runLimit = Math.Max(1, MaxReadBytes / clusterBytes);
        while (!target.IsEmpty)
        {
            var first = (int)(offset / clusterBytes);
            var skip = (int)(offset % clusterBytes);
            var run = 1;
            while (run < runLimit && (long)run * clusterBytes < skip + target.Length
                   && file.Clusters[first + run] == file.Clusters[first + run - 1] + 1)
            {
                run++;
            }
            var buffer = new byte[run * clusterBytes];
            if (await _block.ReadAsync(layout.ClusterOffset(file.Clusters[first]) / _block.Info.SectorSize, buffer, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return error.Message;
            }
            var take = Math.Min(target.Length, buffer.Length - skip);
            buffer.AsMemory(skip, take).CopyTo(target);
            target = target[take..];
            offset += take;
        }
        return null;
    }
}
