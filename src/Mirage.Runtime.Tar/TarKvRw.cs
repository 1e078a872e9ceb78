using Mirage.Runtime.Block;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Tar;

/// <summary>
/// A tar archive on a block device as a read-write store that appends (upstream's <c>tar_kv_rw</c>,
/// tar-mirage's <c>Make_KV_RW</c>), refusing what tar-mirage refuses: setting a key already there
/// (<see cref="KvErrorKind.AlreadyPresent"/>), growing a value, removing any value but the last, or
/// renaming a dictionary (<see cref="KvErrorKind.AppendOnly"/>). A new entry is written data and
/// end marker first, its header last, so a power cut before the header leaves the archive as it was.
/// </summary>
public sealed class TarKvRw : TarKvRo, IKvRw
{
    private const int ZeroChunk = 1 << 20;

    private readonly TimeProvider _time;

    private TarKvRw(IBlock block, TarIndex index, TimeProvider time)
        : base(block, index) => _time = time;

    /// <summary>Reads the archive on <paramref name="block"/> (the connect code of <c>tar_kv_rw</c>); a device of zeros is an empty archive.</summary>
    /// <exception cref="InvalidDataException">The archive is damaged; the message says where.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static new async Task<TarKvRw> ConnectAsync(IBlock block, CancellationToken cancellationToken = default) =>
        await ConnectAsync(block, TimeProvider.System, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="ConnectAsync(IBlock, CancellationToken)"/>, stamping new values with <paramref name="time"/>'s clock.</summary>
    public static async Task<TarKvRw> ConnectAsync(IBlock block, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(time);
        return new TarKvRw(block, await TarIndex.ReadAsync(block, cancellationToken).ConfigureAwait(false), time);
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        AppendAsync(key, value.Length, value, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return AppendAsync(key, size, ReadOnlyMemory<byte>.Empty, lastModified, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(key) is { } error)
            {
                return error;
            }
            var value = Index.Value(key)!;
            if (offset + data.Length > value.Size)
            {
                return KvError.AppendOnly(key, $"the value is {value.Size} bytes and cannot grow to {offset + data.Length}");
            }
            return Failed(key, await BlockBytes.WriteAsync(Block, value.DataOffset + offset, data, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only the last value of the archive can go (tar-mirage); a dictionary is <see cref="KvErrorKind.ValueExpected"/>.</remarks>
    public async ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (Index.Kind(key))
            {
                case null:
                    return null;
                case KvEntryKind.Dictionary:
                    return KvError.ValueExpected(key);
            }
            var value = Index.Value(key)!;
            if (value.End != Index.End)
            {
                return KvError.AppendOnly(key, "only the last value of the archive can be removed");
            }
            // The first header goes first, in one sector: from then on the archive ends there (readers
            // stop at a zero block), so a cut before the next block is zeroed loses nothing else.
            // (tar-mirage zeroes the next block first, which a cut would leave as a header over damaged data.)
            var zeros = new byte[TarBlocks.Size];
            if (await BlockBytes.WriteAsync(Block, value.EntryOffset, zeros, cancellationToken).ConfigureAwait(false) is { } first)
            {
                return Failed(key, first);
            }
            Index.Remove(key);
            Index.End = value.EntryOffset;
            if (await BlockBytes.WriteAsync(Block, value.EntryOffset + TarBlocks.Size, zeros, cancellationToken).ConfigureAwait(false) is { } second)
            {
                return Failed(key, second);
            }
            return null;
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Rewrites the value's header with the new name (tar-mirage): the destination must be free, the source a value.</remarks>
    public async ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Index.CannotAdd(destination) is { } taken)
            {
                return taken;
            }
            switch (Index.Kind(source))
            {
                case null:
                    return KvError.NotFound(source);
                case KvEntryKind.Dictionary:
                    return KvError.AppendOnly(source, "a dictionary cannot be renamed");
            }
            var value = Index.Value(source)!;
            if (value.EntryOffset != value.HeaderOffset)
            {
                return KvError.AppendOnly(source, "its name is in a pax or GNU long-name header, which cannot be rewritten in place");
            }
            if (Header(destination, value.Size, value.Modified) is not { } header)
            {
                return Unsupported(destination);
            }
            if (await BlockBytes.WriteAsync(Block, value.HeaderOffset, header, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return Failed(source, failed);
            }
            Index.Remove(source);
            Index.Add(destination, value);
            return null;
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Appends a value of <paramref name="size"/> bytes: <paramref name="data"/>, or zeros when it is empty.</summary>
    private async ValueTask<KvError?> AppendAsync(
        Key key, long size, ReadOnlyMemory<byte> data, DateTimeOffset? modified, CancellationToken cancellationToken)
    {
        await Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Index.CannotAdd(key) is { } error)
            {
                return error;
            }
            var stamp = modified ?? _time.GetUtcNow();
            if (Header(key, size, stamp) is not { } header)
            {
                return Unsupported(key);
            }
            var headerAt = Index.End;
            var dataAt = headerAt + TarBlocks.Size;
            var end = dataAt + TarBlocks.Padded(size);
            if (end + TarBlocks.EndMarker > Block.Info.SizeBytes)
            {
                return KvError.NoSpace(key);
            }
            // Data, padding and the new end marker first; the header, over the old end marker, last.
            if (await WriteTailAsync(dataAt, data, end + TarBlocks.EndMarker, cancellationToken).ConfigureAwait(false) is { } tail)
            {
                return Failed(key, tail);
            }
            if (await BlockBytes.WriteAsync(Block, headerAt, header, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return Failed(key, failed);
            }
            Index.Add(key, new TarValue(headerAt, headerAt, dataAt, size, stamp));
            Index.End = end;
            return null;
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Writes <paramref name="data"/> from <paramref name="offset"/>, then zeros up to <paramref name="end"/>, a chunk at a time.</summary>
    private async ValueTask<BlockError?> WriteTailAsync(long offset, ReadOnlyMemory<byte> data, long end, CancellationToken cancellationToken)
    {
        if (await BlockBytes.WriteAsync(Block, offset, data, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }
        var zeros = new byte[(int)Math.Min(ZeroChunk, end - offset - data.Length)];
        for (var at = offset + data.Length; at < end; at += zeros.Length)
        {
            var part = zeros.AsMemory(0, (int)Math.Min(zeros.Length, end - at));
            if (await BlockBytes.WriteAsync(Block, at, part, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
        }
        return null;
    }

    private static byte[]? Header(Key key, long size, DateTimeOffset modified)
    {
        try
        {
            return TarHeaderBytes.Make(string.Join('/', key.Segments), size, modified);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static KvError Unsupported(Key key) =>
        KvError.KeyUnsupported(key, "a ustar name holds at most 100 bytes, after a directory prefix of at most 155");

    private static KvError? Failed(Key key, BlockError? error) => error is null ? null : KvError.Storage(key, error.Message);
}
