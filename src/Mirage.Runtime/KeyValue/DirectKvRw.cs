using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A directory as a read-write key/value store (upstream's <c>direct_kv_rw</c>). Every write is
/// atomic and durable: the new contents go to a temporary file beside the target
/// (<c>.&lt;guid&gt;.mirage-tmp</c>, never listed), synced to the disk, renamed over the target, and the
/// directory synced, so a reader, a crash or a power loss sees the old value or the new one, never
/// half of it. Connecting removes the temporary files a crash left and finishes an interrupted rename.
/// </summary>
public sealed class DirectKvRw : DirectKv, IKvRw
{
    // NAME_MAX and PATH_MAX (with its NUL) of Linux and the BSDs, in bytes.
    private const int MaxNameBytes = 255;
    private const int MaxPathBytes = 4095;

    private static readonly int TemporaryNameLength = TemporaryName().Length;

    private readonly TimeProvider _time;

    private DirectKvRw(string root, TimeProvider? time)
        : base(root, "direct_kv_rw") => _time = time ?? TimeProvider.System;

    /// <summary>
    /// Opens the directory <paramref name="directory"/>, relative to the working directory (the
    /// connect code of <c>direct_kv_rw</c>), and tidies what a crash left in it;
    /// <paramref name="time"/> dates allocations (the system clock by default).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">It is not a directory.</exception>
    /// <exception cref="IOException">The leftovers of a crash cannot be tidied.</exception>
    public static DirectKvRw Connect(string directory, TimeProvider? time = null)
    {
        var store = new DirectKvRw(directory, time);
        Leftovers.Tidy(store.RealRoot, IsReserved);
        return store;
    }

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
        var path = Locate(key);
        var kind = KindAt(path);
        if (key.IsEmpty || kind == KvEntryKind.Dictionary)
        {
            return new(KvError.ValueExpected(key));
        }
        return Replace(
            key,
            kind == KvEntryKind.Value ? path : null,
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
                foreach (var entry in Directory.GetFileSystemEntries(RealRoot))
                {
                    _ = Delete(entry);
                }
                Durability.FlushDirectory(RealRoot);
            }
            else if (Locate(key, followLast: false) is { } path)
            {
                // The entry itself goes (a link, not what it points to).
                if (Delete(path))
                {
                    Durability.FlushDirectory(Path.GetDirectoryName(path)!);
                }
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
        var plan = RenamePlan.Decide(source, KindOf(source), destination, KindOf(destination), KindOf);
        if (plan.Error is { } error || plan.Nothing)
        {
            return new(plan.Error);
        }
        if (Unsupported(plan.Target) is { } unsupported)
        {
            return new(unsupported);
        }
        if (ValueAbove(plan.Target) is { } blocking)
        {
            return new(KvError.DictionaryExpected(blocking));
        }
        try
        {
            // Entries move as they are: a link stays a link.
            var sourcePath = Locate(source, followLast: false)!;
            var sourceDirectory = Path.GetDirectoryName(sourcePath)!;
            var targetPath = Locate(plan.Target, followLast: false)!;
            var targetDirectory = Path.GetDirectoryName(targetPath)!;
            string? aside = null;
            if (plan.Target.IsPrefixOf(source))
            {
                // The target holds the source: set the source aside, under the target's name in a
                // temporary directory beside the target, so that Connect can finish after a crash.
                aside = Path.Join(targetDirectory, TemporaryName());
                Directory.CreateDirectory(aside);
                var held = Path.Join(aside, Path.GetFileName(targetPath));
                Move(sourcePath, held);
                Durability.FlushDirectory(aside);
                Durability.FlushDirectory(sourceDirectory);
                _ = Delete(targetPath);
                sourcePath = held;
                sourceDirectory = targetDirectory; // the source's old directory went with the target
            }
            var created = CreateDirectories(targetDirectory);
            if (File.Exists(sourcePath) || IsLink(sourcePath))
            {
                if (Directory.Exists(targetPath) && !IsLink(targetPath))
                {
                    Directory.Delete(targetPath, recursive: true);
                }
                File.Move(sourcePath, targetPath, overwrite: true);
            }
            else
            {
                _ = Delete(targetPath);
                Directory.Move(sourcePath, targetPath);
            }
            if (aside is not null)
            {
                Directory.Delete(aside);
            }
            Durability.FlushDirectory(targetDirectory);
            if (sourceDirectory != targetDirectory)
            {
                Durability.FlushDirectory(sourceDirectory);
            }
            FlushCreated(created, targetDirectory);
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
        if (key.IsEmpty || KindOf(key) is not null)
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
    /// syncs it, renames it to <paramref name="key"/>'s path (creating the directories on the way), and
    /// syncs the directories whose entries changed.
    /// </summary>
    private async ValueTask<KvError?> Replace(
        Key key,
        string? copyOf,
        Func<SafeFileHandle, CancellationToken, ValueTask> write,
        CancellationToken cancellationToken,
        DateTimeOffset? lastModified = null,
        bool overwrite = true)
    {
        if (Unsupported(key) is { } unsupported)
        {
            return unsupported;
        }
        if (ValueAbove(key) is { } blocking)
        {
            return KvError.DictionaryExpected(blocking);
        }
        var path = Locate(key, followLast: false)!;
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Join(directory, TemporaryName());
        try
        {
            var created = CreateDirectories(directory);
            if (copyOf is not null)
            {
                File.Copy(copyOf, temporary);
            }
            using (var file = File.OpenHandle(temporary, FileMode.OpenOrCreate, FileAccess.Write))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                File.SetLastWriteTimeUtc(file, (lastModified ?? _time.GetUtcNow()).UtcDateTime);
                Durability.FlushFile(file);
            }
            if (overwrite && Directory.Exists(path) && !IsLink(path))
            {
                Directory.Delete(path, recursive: true);
            }
            File.Move(temporary, path, overwrite);
            Durability.FlushDirectory(directory);
            FlushCreated(created, directory);
            return null;
        }
        catch (Exception e) when (Failure(key, e) is { } failure)
        {
            TryDelete(temporary);
            return failure;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Why this store cannot hold <paramref name="key"/>, if it cannot: a reserved name, a name or a
    /// path longer than the file system takes, a way through a symbolic link out of the directory.
    /// Checked before anything is written, so that nothing is left half made.
    /// </summary>
    private KvError? Unsupported(Key key)
    {
        foreach (var segment in key.Segments)
        {
            if (IsReserved(segment))
            {
                return KvError.KeyUnsupported(
                    key, $"names ending in '{TemporarySuffix}' are reserved for the store's temporary files");
            }
            var bytes = Encoding.UTF8.GetByteCount(segment);
            if (bytes > MaxNameBytes)
            {
                return KvError.KeyUnsupported(
                    key, $"a segment is {bytes} bytes long, and the file system's names are at most {MaxNameBytes}");
            }
        }
        if (Locate(key.Parent) is not { } directory)
        {
            return KvError.KeyUnsupported(key, "a symbolic link on the way leads out of the store's directory");
        }
        var pathBytes = Encoding.UTF8.GetByteCount(directory) + 1
            + Math.Max(Encoding.UTF8.GetByteCount(key.Basename), TemporaryNameLength);
        return pathBytes > MaxPathBytes
            ? KvError.KeyUnsupported(key, $"its path is {pathBytes} bytes long, and the system's paths are at most {MaxPathBytes}")
            : null;
    }

    /// <summary>The first key above <paramref name="key"/> bound to a value (a file), if any.</summary>
    private Key? ValueAbove(Key key)
    {
        var above = Key.Empty;
        var segments = key.Segments;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            above = above.Add(segments[i]);
            switch (KindOf(above))
            {
                case KvEntryKind.Value:
                    return above;
                case null:
                    return null;
            }
        }
        return null;
    }

    /// <summary>A fresh temporary name, the same length whatever the key.</summary>
    private static string TemporaryName() => $".{Guid.NewGuid():N}{TemporarySuffix}";

    /// <summary>Creates <paramref name="directory"/> and those above it; returns the deepest one that existed.</summary>
    private static string CreateDirectories(string directory)
    {
        var existing = directory;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }
        Directory.CreateDirectory(directory);
        return existing;
    }

    /// <summary>Syncs the directories that gained an entry when those from <paramref name="existing"/> down to <paramref name="directory"/> were made.</summary>
    private static void FlushCreated(string existing, string directory)
    {
        for (var parent = directory; parent != existing;)
        {
            parent = Path.GetDirectoryName(parent)!;
            Durability.FlushDirectory(parent);
        }
    }

    /// <summary>True for a symbolic link; false for anything else, including a path the system cannot look at.</summary>
    internal static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Move(string from, string to)
    {
        if (File.Exists(from) || IsLink(from))
        {
            File.Move(from, to);
        }
        else
        {
            Directory.Move(from, to);
        }
    }

    /// <summary>Deletes a file, a link (not its target) or a whole directory; false when there was nothing.</summary>
    internal static bool Delete(string path)
    {
        if (File.Exists(path) || IsLink(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            return false;
        }
        return true;
    }

    /// <summary>Cleans up after a failed write without hiding the failure: a cleanup that fails is left to the next Connect.</summary>
    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Connect removes it.
        }
    }
}
