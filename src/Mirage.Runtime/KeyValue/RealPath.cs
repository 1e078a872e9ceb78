namespace Mirage.Runtime.KeyValue;

/// <summary>
/// Where a path really leads once its symbolic links are followed, as <c>realpath(3)</c> says, but
/// also for a path whose tail does not exist yet (kept as written). The direct stores use it to
/// keep every access inside their directory.
/// </summary>
internal static class RealPath
{
    // Linux's MAXSYMLINKS: more links than this on one path is a loop (ELOOP).
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path <paramref name="path"/> with every symbolic link on the way replaced by
    /// its target, the last segment's too when <paramref name="followLast"/>; null on a link loop.
    /// </summary>
    public static string? Resolve(string path, bool followLast)
    {
        var root = Path.GetPathRoot(path) ?? throw new ArgumentException($"'{path}' is not absolute", nameof(path));
        var pending = new Stack<string>();
        Push(pending, path);
        var current = root;
        var links = 0;
        var exists = true;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Join(current, segment);
            if (exists && (followLast || pending.Count > 0))
            {
                var (target, found) = Inspect(next);
                if (target is not null)
                {
                    if (++links > MaxLinks)
                    {
                        return null;
                    }
                    if (Path.IsPathRooted(target))
                    {
                        current = Path.GetPathRoot(target)!;
                    }
                    Push(pending, target);
                    continue;
                }
                // Below a missing segment nothing can be a link: stop asking the file system.
                exists = found;
            }
            current = next;
        }
        return current;
    }

    /// <summary>
    /// The link target of <paramref name="path"/> (null if it is no link), and whether anything is
    /// there. A path the system cannot look at (too long, no permission) counts as nothing: what is
    /// done with it next fails with the system's own error.
    /// </summary>
    private static (string? Target, bool Exists) Inspect(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return (info.LinkTarget, (int)info.Attributes != -1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, false);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it (both resolved).</summary>
    public static bool IsInside(string path, string directory) =>
        path == directory
        || (path.StartsWith(directory, StringComparison.Ordinal)
            && (Path.EndsInDirectorySeparator(directory) || path[directory.Length] == Path.DirectorySeparatorChar));

    /// <summary>Pushes the segments of <paramref name="path"/> so that the first pops first.</summary>
    private static void Push(Stack<string> pending, string path)
    {
        var segments = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }
    }
}
