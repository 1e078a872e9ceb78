using System.Security.Cryptography;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A directory read as a key/value store when the unikernel runs (upstream's <c>Mirage_kv_unix</c>):
/// files are values, directories dictionaries. Keys never leave the directory (they have no
/// <c>..</c> segment), and neither do symbolic links: one whose target is inside the directory is
/// followed, one leading out of it (or looping) is as if absent. <see cref="DirectKvRo"/> and
/// <see cref="DirectKvRw"/> are the devices.
/// </summary>
public abstract class DirectKv : IKvRo
{
    /// <summary>The suffix of the temporary files <see cref="DirectKvRw"/> writes before renaming them: reserved, never listed.</summary>
    protected const string TemporarySuffix = ".mirage-tmp";

    /// <summary>Opens the directory <paramref name="root"/> (relative to the working directory).</summary>
    /// <exception cref="DirectoryNotFoundException">It is not a directory.</exception>
    protected DirectKv(string root, string device)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException(
                $"{device}: '{root}' is not a directory (looked for {Root}, from the working directory {Environment.CurrentDirectory})");
        }
        RealRoot = RealPath.Resolve(Root, followLast: true) ?? Root;
    }

    /// <summary>The directory's full path.</summary>
    public string Root { get; }

    /// <summary>The directory's path with its symbolic links resolved: what every access must stay inside.</summary>
    protected string RealRoot { get; }

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        new(KvResult<KvEntryKind?>.Ok(KindOf(key)));

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default)
    {
        var path = Locate(key);
        if (ValueError(key, path) is { } error)
        {
            return error;
        }
        try
        {
            return KvResult<ReadOnlyMemory<byte>>.Ok(await File.ReadAllBytesAsync(path!, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            return failure;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var path = Locate(key);
        if (ValueError(key, path) is { } error)
        {
            return error;
        }
        try
        {
            using var file = File.OpenHandle(path!);
            var size = RandomAccess.GetLength(file);
            var buffer = new byte[(int)Math.Clamp(size - offset, 0, length)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(read), offset + read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            return KvResult<ReadOnlyMemory<byte>>.Ok(buffer.AsMemory(0, read));
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            return failure;
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default)
    {
        var path = Locate(key);
        switch (KindAt(path))
        {
            case null:
                return new(KvError.NotFound(key));
            case KvEntryKind.Value:
                return new(KvError.DictionaryExpected(key));
        }
        try
        {
            var entries = new List<KvEntry>();
            foreach (var entry in new DirectoryInfo(path!).EnumerateFileSystemInfos())
            {
                // Only a link needs resolving (the directory itself is resolved already).
                var kind = entry.Attributes.HasFlag(FileAttributes.ReparsePoint)
                    ? KindAt(Confine(entry.FullName))
                    : entry is DirectoryInfo ? KvEntryKind.Dictionary : KvEntryKind.Value;
                if (!IsReserved(entry.Name) && kind is { } found)
                {
                    entries.Add(new KvEntry(key.Add(entry.Name), found));
                }
            }
            entries.Sort((a, b) => a.Key.CompareTo(b.Key));
            return new(KvResult<IReadOnlyList<KvEntry>>.Ok(entries));
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            return new(failure);
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default)
    {
        var path = Locate(key);
        return ValueError(key, path) is { } error
            ? new(error)
            : new(KvResult<DateTimeOffset>.Ok(new DateTimeOffset(File.GetLastWriteTimeUtc(path!), TimeSpan.Zero)));
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default)
    {
        var path = Locate(key);
        if (ValueError(key, path) is { } error)
        {
            return error;
        }
        try
        {
            await using var stream = File.OpenRead(path!);
            return await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            return failure;
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default)
    {
        var path = Locate(key);
        return ValueError(key, path) is { } error ? new(error) : new(KvResult<long>.Ok(new FileInfo(path!).Length));
    }

    /// <summary>
    /// Where <paramref name="key"/>'s entry is, every symbolic link on the way followed (its own too
    /// when <paramref name="followLast"/>); null when that leads out of <see cref="RealRoot"/>, loops,
    /// or a segment is a name the store reserves.
    /// </summary>
    protected string? Locate(Key key, bool followLast = true)
    {
        foreach (var segment in key.Segments)
        {
            if (IsReserved(segment))
            {
                return null;
            }
        }
        return key.IsEmpty ? RealRoot : Confine(Path.Join(RealRoot, string.Join('/', key.Segments)), followLast);
    }

    /// <summary>What <paramref name="key"/> is bound to, if anything (see <see cref="Locate"/>).</summary>
    protected KvEntryKind? KindOf(Key key) => KindAt(Locate(key));

    /// <summary><paramref name="path"/> resolved, or null when it leads out of <see cref="RealRoot"/> or loops.</summary>
    protected string? Confine(string path, bool followLast = true) =>
        RealPath.Resolve(path, followLast) is { } real && RealPath.IsInside(real, RealRoot) ? real : null;

    /// <summary>True for the names of temporary files, which no key may use.</summary>
    protected static bool IsReserved(string name) => name.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    /// <summary>What the path is: a file is a value, a directory a dictionary; null for nothing (or no path).</summary>
    protected static KvEntryKind? KindAt(string? path) =>
        path is null ? null : File.Exists(path) ? KvEntryKind.Value : Directory.Exists(path) ? KvEntryKind.Dictionary : null;

    /// <summary>Why <paramref name="key"/> has no value to read, if it has none.</summary>
    protected static KvError? ValueError(Key key, string? path) => KindAt(path) switch
    {
        null => KvError.NotFound(key),
        KvEntryKind.Dictionary => KvError.ValueExpected(key),
        _ => null,
    };

    /// <summary>The store error an I/O exception means; null for anything else (a bug, a cancellation).</summary>
    protected static KvError? Failure(Key key, Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => KvError.NotFound(key),
        PathTooLongException => KvError.KeyUnsupported(key, "its path is too long for the file system"),
        IOException io when IsNoSpace(io) => KvError.NoSpace(key),
        IOException or UnauthorizedAccessException => KvError.Storage(key, exception.Message),
        _ => null,
    };

    // ENOSPC on Unix (the HResult is the errno), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private static bool IsNoSpace(IOException exception) =>
        exception.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
