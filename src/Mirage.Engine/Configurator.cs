using Mirage.Engine.CodeGen;
using Mirage.Engine.Diagnostics;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;
using Mirage.Engine.Optimization;
using Mirage.Engine.Output;
using Mirage.Engine.Targets;

namespace Mirage.Engine;

/// <summary>A configure run: what was registered, where its config lives, and what was asked.</summary>
/// <param name="ConfigFile">Absolute path of the config, if there is one; output goes to <c>mirage/</c> beside it.</param>
/// <param name="Directory">The unikernel's folder when there is no config file (a program using the library).</param>
public sealed record ConfigureRequest(
    Registration Registration,
    string? ConfigFile,
    ConfigureContext Context,
    ProjectOptions Project,
    string? Directory = null)
{
    /// <summary>Where the unikernel's files go.</summary>
    public UnikernelLayout Layout =>
        ConfigFile is not null ? UnikernelLayout.OfConfig(ConfigFile)
        : Directory is not null ? new UnikernelLayout(Directory)
        : throw new ArgumentException("a configure request needs a config file or a directory");
}

/// <summary>The result of configure, still in memory: the optimized graph and every file to write.</summary>
public sealed record Configuration(
    ResolvedGraph Graph,
    Target Target,
    string OutputDirectory,
    IReadOnlyList<GeneratedFile> Files)
{
    public string ProjectFile => Path.Combine(OutputDirectory, ProjectGenerator.ProjectFileName(Graph.Name));

    /// <summary>Where <c>mirage build</c> puts the unikernel: <c>dist/&lt;name&gt;</c> beside the config.</summary>
    public string Binary => Layout.Binary(Graph.Name);

    /// <summary>Where the unikernel's files go.</summary>
    public UnikernelLayout Layout => new(Path.GetDirectoryName(OutputDirectory)!);

    public GeneratedFile File(string relativePath) => Files.Single(f => f.RelativePath == relativePath);
}

/// <summary>
/// The pipeline every front end shares: registration → graph IR → optimizer → generated files.
/// <see cref="Configure"/> touches no disk; <see cref="Write"/> writes the files atomically.
/// </summary>
public static class Configurator
{
    /// <summary>The folder configure writes into, beside the config file.</summary>
    public static string OutputDirectoryOf(string configFile) => UnikernelLayout.OfConfig(configFile).Output;

    /// <summary>The folder built unikernels land in, beside the config.</summary>
    public static string DistDirectoryOf(string configDirectory) => new UnikernelLayout(configDirectory).Dist;

    /// <summary>The binary of the unikernel <paramref name="name"/>: <c>dist/&lt;name&gt;</c>.</summary>
    public static string BinaryOf(string configDirectory, string name) => new UnikernelLayout(configDirectory).Binary(name);

    /// <summary>Every configure key the registration can read (in any branch), for help texts.</summary>
    public static IReadOnlyList<Key> Keys(Registration registration) =>
        Optimizer.CollectKeys(GraphBuilder.Build(registration), [KnownTargets.Key]);

    public static Configuration Configure(ConfigureRequest request)
    {
        var target = KnownTargets.TryFind(request.Context.Target)
            ?? throw new ConfigurationException(new Diagnostic(
                "unknown-target",
                $"unknown target '{request.Context.Target}' (valid targets: {KnownTargets.Names})"));

        var keyValues = new Dictionary<string, string>(request.Context.Keys);
        var graph = Optimizer.Optimize(
            GraphBuilder.Build(request.Registration), target.Name, keyValues, [KnownTargets.Key]);

        var outputDirectory = request.Layout.Output;
        var info = new ConfigureInfo(graph.Name, target.Name, new KeyEnvironment(graph.Keys), graph.Packages);
        var files = new List<GeneratedFile>
        {
            MainGenerator.Generate(graph, info, outputDirectory),
            request.Context.ToFile(),
        };
        files.AddRange(ProjectGenerator.Generate(graph, target, request.Project, request.ConfigFile is null ? null : Path.GetFileName(request.ConfigFile)));
        return new Configuration(graph, target, outputDirectory, files);
    }

    public static IReadOnlyList<string> Write(Configuration configuration) =>
        OutputWriter.Write(configuration.OutputDirectory, configuration.Files);

    /// <summary>What <see cref="Write"/> would do to the disk as it is now (for <c>--dry-run</c>).</summary>
    public static FilePlan WritePlan(Configuration configuration) =>
        OutputWriter.Plan(configuration.OutputDirectory, configuration.Files);
}
