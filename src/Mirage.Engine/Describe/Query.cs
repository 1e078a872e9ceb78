using Mirage.Engine.CodeGen;

namespace Mirage.Engine.Describe;

/// <summary>The facts <c>mirage query</c> prints about a configured unikernel.</summary>
public enum QueryKind
{
    /// <summary>The unikernel's name.</summary>
    Name,

    /// <summary>The NuGet packages it needs, merged: <c>name range tags</c>.</summary>
    Packages,

    /// <summary>The files configure writes, the binary, and the devices' own files, relative to the config.</summary>
    Files,

    /// <summary>The generated project file.</summary>
    Project,

    /// <summary>The generated <c>main.cs</c>.</summary>
    Main,

    /// <summary>The configure keys with their values.</summary>
    Keys,

    /// <summary>The runtime arguments the program parses.</summary>
    RuntimeArgs,
}

/// <summary>One fact about a configuration, computed in memory, as lines of text.</summary>
public static class Query
{
    public static IReadOnlyList<string> Render(Configuration configuration, QueryKind kind)
    {
        var graph = configuration.Graph;
        return kind switch
        {
            QueryKind.Name => [graph.Name],
            QueryKind.Packages => [.. graph.Packages.Select(p => $"{p.Name} {p.VersionRange}{p.Tags}")],
            QueryKind.Files => Files(configuration),
            QueryKind.Project =>
                [configuration.File(ProjectGenerator.ProjectFileName(graph.Name)).Content.TrimEnd('\n')],
            QueryKind.Main => [configuration.File(MainGenerator.FileName).Content.TrimEnd('\n')],
            QueryKind.Keys => [.. graph.Keys.Select(k => k.ToString())],
            QueryKind.RuntimeArgs => [.. graph.RuntimeArgs.Select(a => $"--{a.Name} : {a.CSharpType}{(a.Required ? " (required)" : "")}  {a.Doc}")],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown query kind"),
        };
    }

    // Relative to the config's folder, as a user there would name them.
    private static IReadOnlyList<string> Files(Configuration configuration)
    {
        var configDirectory = Path.GetDirectoryName(configuration.OutputDirectory)!;
        string FromConfig(string path) => Path.GetRelativePath(configDirectory, path);
        return
        [
            .. configuration.Files.Select(f => FromConfig(Path.Combine(configuration.OutputDirectory, f.RelativePath))),
            FromConfig(configuration.Binary),
            // and the files the chosen devices declare, already relative to the config
            .. configuration.Graph.Instances.SelectMany(i => i.Device.Files).Distinct(),
        ];
    }
}
