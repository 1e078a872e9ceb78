using System.Security.Cryptography;
using System.Text;
using Mirage.Runtime.Block;
using Mirage.Runtime.Chamelon.Format;
using Mirage.Runtime.Chamelon.Store;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Chamelon;

/// <summary>
/// A read-write key/value store kept on a block device in the littlefs v2 format (upstream's
/// <c>chamelon</c>, <c>Kv.Make</c>): a dictionary is a littlefs directory, a value a file (inline in
/// its metadata when small, a CTZ skip-list of blocks otherwise), its modification time chamelon's
/// user attribute 0x74. The device's sectors are the blocks; commits are padded to the program
/// block size. Each write becomes visible in a single checksummed commit, so a power cut at any
/// point leaves every acknowledged write in place. Safe to use from several tasks at once (one
/// operation at a time).
/// </summary>
public sealed class ChamelonKv : IKvRw
{
    /// <summary>Upstream's default program block size (the <c>--program-block-size</c> runtime argument).</summary>
    public const int DefaultProgramBlockSize = 16;

    /// <summary>The smallest program block size: a commit's CRC tag and checksum take 8 bytes.</summary>
    public const int MinProgramBlockSize = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LittleFs _fs;
    private readonly Tree _tree;
    private readonly TimeProvider _time;

    private ChamelonKv(LittleFs fs, TimeProvider time)
    {
        _fs = fs;
        _tree = new Tree(fs);
        _time = time;
    }

    /// <summary>
    /// Writes an empty store on <paramref name="block"/>, erasing what was there (upstream's
    /// <c>Kv.format</c>, the <c>chamelon format</c> tool).
    /// </summary>
    /// <exception cref="ArgumentException">A program block size that does not divide the sector size.</exception>
    /// <exception cref="IOException">The device is read-only, too small, or failed.</exception>
    public static async ValueTask FormatAsync(IBlock block, int programBlockSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        CheckGeometry(block, programBlockSize);
        try
        {
            await LittleFs.FormatAsync(block, programBlockSize, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageFailedException e)
        {
            throw new IOException($"chamelon: formatting failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The store on <paramref name="block"/> (upstream's <c>Kv.connect ~program_block_size</c>, the
    /// connect code of <c>chamelon</c>); with <paramref name="format"/>, formatted first.
    /// </summary>
    /// <exception cref="ArgumentException">A program block size that does not divide the sector size.</exception>
    /// <exception cref="IOException">
    /// No littlefs v2 image on the device (format it with <c>--chamelon-format</c>), an image made
    /// for another geometry, or a device failure; the message says which.
    /// </exception>
    public static ValueTask<ChamelonKv> ConnectAsync(
        IBlock block, int programBlockSize, bool format = false, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(block, programBlockSize, LittleFs.DefaultBlockCycles, format, time, cancellationToken);

    /// <summary>As the public <c>ConnectAsync</c>, moving metadata pairs every <paramref name="blockCycles"/> compactions (tests wear pairs fast).</summary>
    internal static async ValueTask<ChamelonKv> ConnectAsync(
        IBlock block, int programBlockSize, int blockCycles, bool format, TimeProvider? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        CheckGeometry(block, programBlockSize);
        if (format)
        {
            await FormatAsync(block, programBlockSize, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var fs = await LittleFs.MountAsync(block, programBlockSize, cancellationToken, blockCycles).ConfigureAwait(false);
            return new ChamelonKv(fs, time ?? TimeProvider.System);
        }
        catch (CorruptImageException e)
        {
            throw new IOException($"chamelon: cannot mount the block device ({block.Info}): {e.Message}; run once with --chamelon-format to make an empty store", e);
        }
        catch (StorageFailedException e)
        {
            throw new IOException($"chamelon: cannot mount the block device: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync<KvEntryKind?>(key, async () => (await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false)).Kind, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync<ReadOnlyMemory<byte>>(key, async () =>
        {
            var entry = await ValueAsync(key, cancellationToken).ConfigureAwait(false);
            return await ContentsAsync(entry, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return ReadAsync<ReadOnlyMemory<byte>>(key, async () =>
        {
            var entry = await ValueAsync(key, cancellationToken).ConfigureAwait(false);
            return await ContentsAsync(entry, offset, length, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<KvEntry>>(key, async () =>
        {
            var (kind, entry) = await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false);
            var directory = kind switch
            {
                null => throw new KvFailure(KvError.NotFound(key)),
                KvEntryKind.Value => throw new KvFailure(KvError.DictionaryExpected(key)),
                _ => entry?.Directory ?? Pair.Root,
            };
            var list = await _tree.ListAsync(directory, cancellationToken).ConfigureAwait(false);
            return list.Select(e => new KvEntry(Child(key, e.Name), e.Entry.Kind)).ToList();
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync(key, async () =>
        {
            var entry = await ValueAsync(key, cancellationToken).ConfigureAwait(false);
            return Timestamp.Decode(entry.Entry.Attributes.GetValueOrDefault(Timestamp.AttributeType));
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync(key, async () =>
        {
            var entry = await ValueAsync(key, cancellationToken).ConfigureAwait(false);
            return SHA256.HashData(await ContentsAsync(entry, 0, int.MaxValue, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default) =>
        ReadAsync(key, async () => SizeOf(await ValueAsync(key, cancellationToken).ConfigureAwait(false)), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, () => StoreAsync(key, value, _time.GetUtcNow(), cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return WriteAsync(key, async () =>
        {
            var (kind, entry) = await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false);
            if (kind == KvEntryKind.Dictionary)
            {
                throw new KvFailure(KvError.ValueExpected(key));
            }
            var old = entry is null ? [] : await ContentsAsync(entry, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
            var start = (int)Math.Min(offset, old.Length);
            if ((long)start + data.Length > int.MaxValue)
            {
                throw new KvFailure(KvError.NoSpace(key));
            }
            var updated = new byte[Math.Max(old.Length, start + data.Length)];
            old.CopyTo(updated, 0);
            data.Span.CopyTo(updated.AsSpan(start));
            await StoreAsync(key, updated, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default) =>
        WriteAsync(key, async () =>
        {
            if (key.IsEmpty)
            {
                var root = await _fs.FetchAsync(Pair.Root, cancellationToken).ConfigureAwait(false);
                var emptied = new MetadataState();
                emptied.Entries.Add(root.State.Entries[0]);
                await _fs.CompactAsync(root, emptied, cancellationToken).ConfigureAwait(false);
                return;
            }
            var (_, entry) = await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false);
            if (entry is not null)
            {
                await _tree.UnbindAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default) =>
        WriteAsync(source, async () =>
        {
            var (sourceKind, entry) = await _tree.LookupAsync(source, cancellationToken).ConfigureAwait(false);
            var (destinationKind, _) = await _tree.LookupAsync(destination, cancellationToken).ConfigureAwait(false);
            var kinds = new Dictionary<Key, KvEntryKind?>();
            foreach (var key in new[] { destination, source.IsEmpty ? destination : destination.Add(source.Basename) })
            {
                kinds[key] = (await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false)).Kind;
            }
            var plan = RenamePlan.Decide(source, sourceKind, destination, destinationKind, k => kinds.GetValueOrDefault(k));
            if (plan.Error is { } error)
            {
                throw new KvFailure(error);
            }
            if (plan.Nothing)
            {
                return;
            }
            if (source.IsEmpty)
            {
                throw new KvFailure(KvError.ValueExpected(source));
            }
            // Link the target to the source's contents, then unlink the source (upstream's order):
            // cut between the two, both names hold the contents, which are never written in place.
            await PlaceAsync(plan.Target, () => Task.FromResult(entry!.Entry.Clone()), cancellationToken).ConfigureAwait(false);
            if (plan.Target.IsPrefixOf(source))
            {
                // The target was a dictionary above the source: replacing it dropped the source already.
                return;
            }
            var (_, moved) = await _tree.LookupAsync(source, cancellationToken).ConfigureAwait(false);
            await _tree.UnbindAsync(moved!, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return WriteAsync(key, async () =>
        {
            if ((await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false)).Kind is not null)
            {
                throw new KvFailure(KvError.AlreadyPresent(key));
            }
            if (size > Math.Min(_fs.Superblock.FileMax, (long)_fs.Io.Count * _fs.Io.Size))
            {
                throw new KvFailure(KvError.NoSpace(key));
            }
            await StoreAsync(key, new byte[size], lastModified ?? _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Binds <paramref name="key"/> to <paramref name="value"/>: its contents written first, then one commit names them.</summary>
    private Task StoreAsync(Key key, ReadOnlyMemory<byte> value, DateTimeOffset modified, CancellationToken cancellationToken) =>
        PlaceAsync(key, async () =>
        {
            var (structType, structData) = value.Length <= _fs.InlineMax
                ? (Tag.TypeInlineStruct, value.ToArray())
                : (Tag.TypeCtzStruct, await _fs.WriteFileAsync(value, cancellationToken).ConfigureAwait(false));
            var entry = new Entry { NameType = Tag.TypeRegular, StructType = structType, Struct = structData };
            entry.Attributes[Timestamp.AttributeType] = Timestamp.Encode(modified);
            return entry;
        }, cancellationToken);

    /// <summary>
    /// Binds <paramref name="key"/> to the entry <paramref name="make"/> returns (named after the key),
    /// with the dictionaries above it that are missing, in one commit.
    /// </summary>
    private async Task PlaceAsync(Key key, Func<Task<Entry>> make, CancellationToken cancellationToken)
    {
        if (key.IsEmpty)
        {
            throw new KvFailure(KvError.ValueExpected(key));
        }
        if (Encoding.UTF8.GetByteCount(key.Basename) > _fs.Superblock.NameMax)
        {
            throw new KvFailure(KvError.KeyUnsupported(key, $"a name is at most {_fs.Superblock.NameMax} bytes"));
        }
        if (await _tree.ValueAboveAsync(key, cancellationToken).ConfigureAwait(false) is { } blocking)
        {
            throw new KvFailure(KvError.DictionaryExpected(blocking));
        }
        var (directory, missing) = await _tree.ReachAsync(key.Parent, cancellationToken).ConfigureAwait(false)
            ?? throw new KvFailure(KvError.DictionaryExpected(key.Parent));
        var entry = await make().ConfigureAwait(false);
        entry.Name = Encoding.UTF8.GetBytes(key.Basename);
        await _tree.BindAsync(directory, missing, entry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Located> ValueAsync(Key key, CancellationToken cancellationToken)
    {
        var (kind, entry) = await _tree.LookupAsync(key, cancellationToken).ConfigureAwait(false);
        return kind switch
        {
            null => throw new KvFailure(KvError.NotFound(key)),
            KvEntryKind.Dictionary => throw new KvFailure(KvError.ValueExpected(key)),
            _ => entry!,
        };
    }

    private long SizeOf(Located entry) => entry.Entry.StructType switch
    {
        Tag.TypeInlineStruct => entry.Entry.Struct.Length,
        Tag.TypeCtzStruct => _fs.CheckedCtz(entry.Entry.Struct).Size,
        var other => throw new CorruptImageException($"the file '{Encoding.UTF8.GetString(entry.Entry.Name)}' has struct type 0x{other:x3}"),
    };

    private async Task<byte[]> ContentsAsync(Located entry, long offset, int length, CancellationToken cancellationToken)
    {
        var size = SizeOf(entry);
        var start = Math.Min(offset, size);
        var count = (int)Math.Min(length, size - start);
        return entry.Entry.StructType == Tag.TypeInlineStruct
            ? entry.Entry.Struct.AsSpan((int)start, count).ToArray()
            : await _fs.ReadFileAsync(entry.Entry.Struct, start, count, cancellationToken).ConfigureAwait(false);
    }

    private static Key Child(Key key, string name) =>
        Key.TryParse(name, out var segment, out _) && segment.Segments.Count == 1 && segment.Basename == name
            ? key.Append(segment)
            : throw new CorruptImageException($"the directory {key} holds an entry named '{name}', which is no key segment");

    private static void CheckGeometry(IBlock block, int programBlockSize)
    {
        var sector = block.Info.SectorSize;
        if (programBlockSize < MinProgramBlockSize || programBlockSize > sector || sector % programBlockSize != 0)
        {
            throw new ArgumentException(
                $"chamelon: --program-block-size={programBlockSize} must be at least {MinProgramBlockSize} and divide the sector size ({sector})", nameof(programBlockSize));
        }
        if (sector < 128 || block.Info.SizeSectors < 4)
        {
            throw new IOException($"chamelon: the block device ({block.Info}) is too small: it needs sectors of at least 128 bytes and at least 4 of them");
        }
    }

    private async ValueTask<KvResult<T>> ReadAsync<T>(Key key, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (Failure(key, e) is { } error)
        {
            return error;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<KvError?> WriteAsync(Key key, Func<Task> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (Failure(key, e) is { } error)
        {
            _fs.Allocator.Invalidate();
            return error;
        }
        finally
        {
            _fs.Allocator.EndOperation();
            _gate.Release();
        }
    }

    private static KvError? Failure(Key key, Exception e) => e switch
    {
        KvFailure f => f.Error,
        NoSpaceException => KvError.NoSpace(key),
        CorruptImageException => KvError.Storage(key, $"corrupt littlefs image: {e.Message}"),
        StorageFailedException => KvError.Storage(key, e.Message),
        _ => null,
    };

    /// <summary>An expected failure, thrown to leave an operation early.</summary>
    private sealed class KvFailure(KvError error) : Exception(error.ToString())
    {
        public KvError Error { get; } = error;
    }
}
