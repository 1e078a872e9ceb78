namespace Mirage.Engine.Output;

/// <summary>What one step of a <see cref="FilePlan"/> does to the disk.</summary>
public enum FileActionKind
{
    /// <summary>Write <see cref="FileAction.Content"/> (a new file, or one whose content changed).</summary>
    Write,

    /// <summary>A file the plan produces whose content is already there: left alone, so its timestamp
    /// (and incremental builds) stay.</summary>
    Keep,

    /// <summary>Copy the file <see cref="FileAction.Source"/> (with its Unix file mode) to the path:
    /// build's binary into <c>dist/</c>.</summary>
    Copy,

    /// <summary>Delete a file.</summary>
    Delete,

    /// <summary>Delete a folder and everything in it (the build's own bin/, obj/, publish/).</summary>
    DeleteTree,

    /// <summary>Delete a folder if it is empty once the steps before have run.</summary>
    DeleteIfEmpty,
}

/// <summary>One step of a plan, on an absolute path.</summary>
/// <param name="Content">What a <see cref="FileActionKind.Write"/> writes.</param>
/// <param name="Source">The file a <see cref="FileActionKind.Copy"/> copies.</param>
public sealed record FileAction(FileActionKind Kind, string Path, string? Content = null, string? Source = null);

/// <summary>
/// The file effects of configure, build or clean as data: computed from the disk without changing
/// it, then either performed (<see cref="FilePlanRunner.Perform"/>) or listed (<c>--dry-run</c>).
/// </summary>
/// <param name="Directory">The unikernel output the plan changes, locked while it is computed and
/// performed (see <see cref="OutputLock"/>).</param>
public sealed record FilePlan(string Directory, IReadOnlyList<FileAction> Actions)
{
    /// <summary>The plan as a dry run prints it: a path for each file the plan writes, copies or keeps,
    /// <c>delete path</c> for each deletion (<c>delete path/</c> for a folder).</summary>
    public IEnumerable<string> Describe(Func<string, string> displayPath) =>
        Actions.Select(a => a.Kind switch
        {
            FileActionKind.Write or FileActionKind.Keep or FileActionKind.Copy => displayPath(a.Path),
            FileActionKind.Delete => $"delete {displayPath(a.Path)}",
            _ => $"delete {displayPath(a.Path)}{System.IO.Path.DirectorySeparatorChar}",
        });
}

/// <summary>The one interpreter that performs plans.</summary>
public static class FilePlanRunner
{
    /// <summary>
    /// Computes a plan with <paramref name="plan"/> and performs it, both under the output's lock, so
    /// that what the plan read from the disk is still true when it runs. Each file is written to a
    /// temporary name and renamed over the old one: readers never see a half-written file.
    /// </summary>
    public static FilePlan Run(string directory, Func<FilePlan> plan)
    {
        using var _ = OutputLock.Acquire(directory);
        var planned = plan();
        Perform(planned);
        return planned;
    }

    /// <summary>Performs <paramref name="plan"/>'s steps in order (the caller holds the lock).</summary>
    public static void Perform(FilePlan plan)
    {
        foreach (var action in plan.Actions)
        {
            switch (action.Kind)
            {
                case FileActionKind.Write:
                    Replace(action.Path, temporary => File.WriteAllText(temporary, action.Content ?? ""));
                    break;
                case FileActionKind.Copy:
                    Replace(action.Path, temporary => Copy(action.Source!, temporary));
                    break;
                case FileActionKind.Delete:
                    File.Delete(action.Path);
                    break;
                case FileActionKind.DeleteTree when Directory.Exists(action.Path):
                    Directory.Delete(action.Path, recursive: true);
                    break;
                case FileActionKind.DeleteIfEmpty
                    when Directory.Exists(action.Path) && Directory.GetFileSystemEntries(action.Path).Length == 0:
                    Directory.Delete(action.Path);
                    break;
            }
        }
    }

    // Makes the file under a temporary name, then renames it over the old one.
    private static void Replace(string path, Action<string> make)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            make(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Copy(string source, string destination)
    {
        File.Copy(source, destination, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        }
    }
}
