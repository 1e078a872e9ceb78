namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A directory as a read-write key/value store (upstream's <c>direct_kv_rw</c>). Every write is
/// atomic: the new contents go to a temporary file beside the target (<c>.name.*.mirage-tmp</c>,
/// never listed), which is then renamed over it, so a reader or a crash sees the old value or the
/// new one, never half of it.
/// </summary>
public sealed class DirectKvRw : DirectKv, IKvRw
{
    private readonly TimeProvider _time;

    private DirectKvRw(string root, TimeProvider? time)
        : base(root, "direct_kv_rw") => _time = time ?? TimeProvider.System;

    /// <summary>
    /// Opens the directory <paramref name="directory"/>, relative to the working directory (the
    /// connect code of <c>direct_kv_rw</c>); <paramref name="time"/> dates allocations (the system clock by default).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">It is not a directory.</exception>
    public static DirectKvRw Connect(string directory, TimeProvider? time = null) => new(directory, time);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        key.IsEmpty
            ? new(KvError.ValueExpected(key))
            : Replace(key, null, (file, ct) => RandomAccess.WriteAsync(file, value, 0, ct), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = PathOf(key);
        if (key.IsEmpty || KindAt(path) == KvEntryKind.Dictionary)
        {
            return new(KvError.ValueExpected(key));
        }
        return Replace(
            key,
            File.Exists(path) ? path : null,
            (file, ct) => RandomAccess.WriteAsync(file, data, Math.Min(offset, RandomAccess.GetLength(file)), ct),
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default)
    {
        try
        {
            if (key.IsEmpty)
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(Root))
                {
                    Delete(entry);
                }
            }
            else
            {
                Delete(PathOf(key));
            }
            return new((KvError?)null);
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            return new(failure.Kind == KvErrorKind.NotFound ? null : failure);
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default)
    {
        var sourcePath = PathOf(source);
        var plan = RenamePlan.Decide(
            source, KindAt(sourcePath), destination, KindAt(PathOf(destination)), k => KindAt(PathOf(k)));
        if (plan.Error is { } error || plan.Nothing)
        {
            return new(plan.Error);
        }
        if (ValueAbove(plan.Target) is { } blocking)
        {
            return new(KvError.DictionaryExpected(blocking));
        }
        try
        {
            var targetPath = PathOf(plan.Target);
            if (plan.Target.IsPrefixOf(source))
            {
                // The target holds the source: set the source aside before the target goes.
                var aside = Path.Join(Root, $".rename.{Guid.NewGuid():N}{TemporarySuffix}");
                Move(sourcePath, aside);
                Delete(targetPath);
                sourcePath = aside;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
            if (File.Exists(sourcePath))
            {
                if (Directory.Exists(targetPath))
                {
                    Directory.Delete(targetPath, recursive: true);
                }
                File.Move(sourcePath, targetPath, overwrite: true);
            }
            else
            {
                Delete(targetPath);
                Directory.Move(sourcePath, targetPath);
            }
            return new((KvError?)null);
        }
        catch (Exception e) when (Failure(source, e) is { } failure)
        {
            return new(failure);
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (key.IsEmpty || KindAt(PathOf(key)) is not null)
        {
            return new(KvError.AlreadyPresent(key));
        }
        return Replace(
            key,
            null,
            (file, _) =>
            {
                RandomAccess.SetLength(file, size);
                return ValueTask.CompletedTask;
            },
            cancellationToken,
            lastModified,
            overwrite: false);
    }

    /// <summary>
    /// Writes a temporary file (a copy of <paramref name="copyOf"/>, if given, then <paramref name="write"/>),
    /// and renames it to <paramref name="key"/>'s path, creating the directories on the way.
    /// </summary>
    private async ValueTask<KvError?> Replace(
        Key key,
        string? copyOf,
        Func<Microsoft.Win32.SafeHandles.SafeFileHandle, CancellationToken, ValueTask> write,
        CancellationToken cancellationToken,
        DateTimeOffset? lastModified = null,
        bool overwrite = true)
    {
        if (ValueAbove(key) is { } blocking)
        {
            return KvError.DictionaryExpected(blocking);
        }
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Join(directory, $".{key.Basename}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            Directory.CreateDirectory(directory);
            if (copyOf is not null)
            {
                File.Copy(copyOf, temporary);
            }
            using (var file = File.OpenHandle(temporary, FileMode.OpenOrCreate, FileAccess.Write))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
            }
            File.SetLastWriteTimeUtc(temporary, (lastModified ?? _time.GetUtcNow()).UtcDateTime);
            if (overwrite && Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            File.Move(temporary, path, overwrite);
            return null;
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            File.Delete(temporary);
            return failure;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The first key above <paramref name="key"/> bound to a value (a file), if any.</summary>
    private Key? ValueAbove(Key key)
    {
        var above = Key.Empty;
        var segments = key.Segments;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            above = above.Add(segments[i]);
            switch (KindAt(PathOf(above)))
            {
                case KvEntryKind.Value:
                    return above;
                case null:
                    return null;
            }
        }
        return null;
    }

    private static void Move(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Move(from, to);
        }
        else
        {
            Directory.Move(from, to);
        }
    }

    private static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
