using Mirage.Engine.CodeGen;

namespace Mirage.Engine.Output;

/// <summary>
/// Writes generated files into the output folder. Nothing touches the disk until every file has been
/// produced in memory; then each file is written to a temporary name and renamed over the old one,
/// so readers never see a half-written file, and files from an earlier configure that this one no
/// longer produces (and that carry the generated marker) are removed.
/// </summary>
public static class OutputWriter
{
    /// <summary>Writes <paramref name="files"/> and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path) && File.ReadAllText(path) == file.Content)
            {
                written.Add(path); // unchanged: keep the timestamp so incremental builds stay incremental
                continue;
            }
            var temporary = path + ".tmp-" + Environment.ProcessId;
            try
            {
                File.WriteAllText(temporary, file.Content);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            written.Add(path);
        }

        var produced = files.Select(f => Path.GetFullPath(Path.Combine(outputDirectory, f.RelativePath))).ToHashSet();
        foreach (var stale in Directory.EnumerateFiles(outputDirectory))
        {
            if (!produced.Contains(Path.GetFullPath(stale)) && IsGenerated(stale))
            {
                File.Delete(stale);
            }
        }
        return written;
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
