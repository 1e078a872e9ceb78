using Mirage.Engine.CodeGen;

namespace Mirage.Engine.Output;

/// <summary>
/// Writes generated files into the output folder. Nothing touches the disk until every file has been
/// produced in memory; then, under the output's lock, each changed file is written to a temporary
/// name and renamed over the old one, and files from an earlier configure that this one no longer
/// produces (and that carry the generated marker) are removed. Two configures in one folder leave
/// one of them whole.
/// </summary>
public static class OutputWriter
{
    /// <summary>Writes <paramref name="files"/> and returns the paths written (unchanged ones included).</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        var plan = FilePlanRunner.Run(outputDirectory, () => Plan(outputDirectory, files));
        return [.. plan.Actions.Where(a => a.Kind is FileActionKind.Write or FileActionKind.Keep).Select(a => a.Path)];
    }

    /// <summary>
    /// What writing <paramref name="files"/> would do, read from the disk as it is now: write each
    /// new or changed file, keep each unchanged one, delete each stale generated file.
    /// </summary>
    public static FilePlan Plan(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        var actions = new List<FileAction>();
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(outputDirectory, file.RelativePath));
            var unchanged = File.Exists(path) && File.ReadAllText(path) == file.Content;
            actions.Add(unchanged
                ? new FileAction(FileActionKind.Keep, path)
                : new FileAction(FileActionKind.Write, path, file.Content));
        }

        if (Directory.Exists(outputDirectory))
        {
            var produced = actions.Select(a => a.Path).ToHashSet();
            foreach (var stale in Directory.EnumerateFiles(outputDirectory).Order(StringComparer.Ordinal))
            {
                if (!produced.Contains(Path.GetFullPath(stale)) && IsGenerated(stale))
                {
                    actions.Add(new FileAction(FileActionKind.Delete, Path.GetFullPath(stale)));
                }
            }
        }
        return new FilePlan(outputDirectory, actions);
    }

    /// <summary>Whether a file was written by configure (carries the marker in its first lines).</summary>
    public static bool IsGenerated(string path)
    {
        using var reader = new StreamReader(path);
        for (var i = 0; i < 3 && reader.ReadLine() is { } line; i++)
        {
            if (line.Contains(GeneratedFile.Marker, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
