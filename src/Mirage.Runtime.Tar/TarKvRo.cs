using Mirage.Runtime.Block;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Tar;

/// <summary>
/// A tar archive on a block device as a read-only key/value store (upstream's <c>tar_kv_ro</c>,
/// tar-mirage's <c>Make_KV_RO</c>): regular files are values, directories dictionaries. Connecting
/// reads the headers (ustar, pax and GNU long names, through System.Formats.Tar); values are read
/// in place from the device when asked for.
/// </summary>
public class TarKvRo : IKvRo
{
    private protected TarKvRo(IBlock block, TarIndex index)
    {
        Block = block;
        Index = index;
    }

    private protected IBlock Block { get; }

    private protected TarIndex Index { get; }

    /// <summary>One operation at a time: writes move the end of the archive that reads rely on.</summary>
    private protected SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Reads the archive on <paramref name="block"/> (the connect code of <c>tar_kv_ro</c>).</summary>
    /// <exception cref="InvalidDataException">The archive is damaged (a bad checksum, a size past the device, a <c>..</c> name); the message says where.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task<TarKvRo> ConnectAsync(IBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new TarKvRo(block, await TarIndex.ReadAsync(block, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Index.Kind(key);
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default) =>
        GetPartialAsync(key, 0, int.MaxValue, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(key) is { } error)
            {
                return error;
            }
            var value = Index.Value(key)!;
            if (!PartialRead.Buffer(key, value.Size, offset, length).TryGetValue(out var data, out var tooLarge))
            {
                return tooLarge;
            }
            return await BlockBytes.ReadAsync(Block, value.DataOffset + offset, data, cancellationToken).ConfigureAwait(false) is { } failed
                ? KvError.Storage(key, failed.Message)
                : (ReadOnlyMemory<byte>)data;
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Index.Kind(key) switch
            {
                KvEntryKind.Dictionary => KvResult<IReadOnlyList<KvEntry>>.Ok(Index.Entries(key)),
                KvEntryKind.Value => KvError.DictionaryExpected(key),
                _ => KvError.NotFound(key),
            };
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default) =>
        await ValueAsync(key, v => v.Modified, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default) =>
        await ValueAsync(key, v => v.Size, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(key) is { } error)
            {
                return error;
            }
            var value = Index.Value(key)!;
            return await ChunkedDigest.Sha256Async(
                key,
                value.Size,
                async (at, part, ct) => (await BlockBytes.ReadAsync(Block, value.DataOffset + at, part, ct).ConfigureAwait(false))?.Message,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>The error of reading <paramref name="key"/> as a value, or null when it is one.</summary>
    private protected KvError? Find(Key key) => Index.Kind(key) switch
    {
        KvEntryKind.Value => null,
        KvEntryKind.Dictionary => KvError.ValueExpected(key),
        _ => KvError.NotFound(key),
    };

    private async ValueTask<KvResult<T>> ValueAsync<T>(Key key, Func<TarValue, T> read, CancellationToken cancellationToken)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Find(key) is { } error ? error : read(Index.Value(key)!);
        }
        finally
        {
            Lock.Release();
        }
    }
}
