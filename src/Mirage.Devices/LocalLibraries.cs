using Mirage.Engine.Model;

namespace Mirage.Devices;

/// <summary>
/// Library projects beside a config that its main module uses (upstream's <c>~local_libs</c>), for
/// both front ends: each becomes a <c>ProjectReference</c> of the generated project.
/// </summary>
public static class LocalLibraries
{
    private static readonly string[] s_projectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>
    /// The item for the library project <paramref name="path"/>, relative to the config declared at
    /// <paramref name="location"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The path is empty, absolute, not a project file, or names no file where the config is.
    /// </exception>
    public static ProjectItem Reference(string path, SourceLocation? location)
    {
        var where = location?.ToString() ?? "an unknown location";
        const string parameter = "localLibs";
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{where}: a local library needs the path of its project, relative to the config", parameter);
        }
        if (Path.IsPathRooted(path))
        {
            throw new ArgumentException($"{where}: local library '{path}' must be relative to the config's folder", parameter);
        }
        if (!s_projectExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            throw new ArgumentException(
                $"{where}: local library '{path}' is not a project file (expected a path ending in .csproj, .fsproj or .vbproj)",
                parameter);
        }
        if (location is not null)
        {
            var project = Path.Combine(Path.GetDirectoryName(location.File) ?? "", path);
            if (!File.Exists(project))
            {
                throw new ArgumentException($"{where}: local library project '{path}' not found (looked for {project})", parameter);
            }
        }
        return new ProjectItem("ProjectReference", path.Replace('\\', '/'));
    }
}
