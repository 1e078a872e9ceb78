namespace Mirage.Runtime.KeyValue;

/// <summary>
/// What a crash can leave in a <see cref="DirectKvRw"/> directory, tidied when it connects: a
/// temporary file is a write that never reached its rename (the old value is intact), so it goes;
/// a temporary directory holds the source of an interrupted rename under the target's name, so the
/// rename is finished. Symbolic links are not followed.
/// </summary>
internal static class Leftovers
{
    /// <summary>Tidies <paramref name="directory"/> and every directory below it.</summary>
    public static void Tidy(string directory, Func<string, bool> isTemporary)
    {
        // Temporaries first: finishing a rename replaces a directory this loop would otherwise walk.
        foreach (var entry in new DirectoryInfo(directory).GetFileSystemInfos())
        {
            if (!isTemporary(entry.Name))
            {
                continue;
            }
            if (entry is DirectoryInfo && !IsLink(entry))
            {
                FinishRename(directory, entry.FullName);
            }
            else
            {
                entry.Delete();
                Durability.FlushDirectory(directory);
            }
        }
        foreach (var entry in new DirectoryInfo(directory).EnumerateDirectories())
        {
            if (!IsLink(entry) && !isTemporary(entry.Name))
            {
                Tidy(entry.FullName, isTemporary);
            }
        }
    }

    private static bool IsLink(FileSystemInfo entry) => entry.Attributes.HasFlag(FileAttributes.ReparsePoint);

    /// <summary>Moves what <paramref name="aside"/> holds over its target in <paramref name="directory"/>, then removes it.</summary>
    private static void FinishRename(string directory, string aside)
    {
        var held = Directory.GetFileSystemEntries(aside);
        if (held.Length > 1)
        {
            // Not a rename of ours: leave it be.
            return;
        }
        if (held.Length == 1)
        {
            var target = Path.Join(directory, Path.GetFileName(held[0]));
            _ = DirectKvRw.Delete(target);
            if (Directory.Exists(held[0]) && !DirectKvRw.IsLink(held[0]))
            {
                Directory.Move(held[0], target);
            }
            else
            {
                File.Move(held[0], target);
            }
        }
        Directory.Delete(aside);
        Durability.FlushDirectory(directory);
    }
}
