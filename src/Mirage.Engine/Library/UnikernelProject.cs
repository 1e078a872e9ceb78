using Mirage.Engine.Build;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Describe;
using Mirage.Engine.Model;
using Mirage.Engine.Output;

namespace Mirage.Engine.Library;

/// <summary>
/// The <c>mirage</c> commands as a library: a program that built a <see cref="Registration"/> in
/// code (with the C# facade's <c>Register</c>, or the F# eDSL) configures, describes, queries and
/// builds it here, with no CLI and no config file.
/// <code>
/// var project = new UnikernelProject(Register("hello", [main.Apply(Devices.DefaultSleep)]), "out/hello");
/// var configuration = project.Configure("aot");
/// Console.Write(project.Describe(configuration));
/// var result = project.Build(configuration);   // out/hello/mirage/…, out/hello/dist/hello
/// </code>
/// </summary>
public sealed class UnikernelProject
{
    /// <summary>Development mode: the <c>Mirage.Runtime.csproj</c> of a checkout, which generated projects
    /// then reference (with its sibling runtime projects) instead of the runtime packages.</summary>
    public const string RuntimeProjectVariable = "MIRAGE_RUNTIME_PROJECT";

    /// <param name="registration">The unikernel.</param>
    /// <param name="directory">Its folder: <c>mirage/</c> and <c>dist/</c> go there, and the files its
    /// devices name are relative to it.</param>
    /// <param name="runtimeProject">Mirage.Runtime.csproj, which generated projects reference (development
    /// mode); default <c>$MIRAGE_RUNTIME_PROJECT</c>, else none: they reference the runtime packages at
    /// this library's version.</param>
    /// <exception cref="ArgumentException">A runtime project is given but does not exist.</exception>
    public UnikernelProject(Registration registration, string directory, string? runtimeProject = null)
    {
        Registration = registration;
        Directory = Path.GetFullPath(directory);
        Project = Options(runtimeProject ?? Environment.GetEnvironmentVariable(RuntimeProjectVariable));
    }

    /// <summary>Where generated projects find the runtime: the project <paramref name="runtimeProject"/>
    /// (it must exist), or the packages when it is null or empty.</summary>
    /// <exception cref="ArgumentException">The runtime project does not exist.</exception>
    public static ProjectOptions Options(string? runtimeProject)
    {
        if (string.IsNullOrEmpty(runtimeProject))
        {
            return new ProjectOptions();
        }
        if (!System.IO.File.Exists(runtimeProject))
        {
            throw new ArgumentException(
                $"Mirage.Runtime.csproj not found ('{runtimeProject}'): pass the path of one, or unset {RuntimeProjectVariable} to use the runtime packages");
        }
        return new ProjectOptions(Path.GetFullPath(runtimeProject));
    }

    public Registration Registration { get; }

    /// <summary>The unikernel's folder (absolute).</summary>
    public string Directory { get; }

    public ProjectOptions Project { get; }

    /// <summary>Every configure key the unikernel can read, in any branch.</summary>
    public IReadOnlyList<Key> Keys => Configurator.Keys(Registration);

    /// <summary>
    /// <c>mirage configure</c> in memory: checks, optimizes for <paramref name="target"/> with these
    /// key values, and generates every file; nothing is written.
    /// </summary>
    /// <exception cref="Diagnostics.ConfigurationException">The configuration is wrong (unknown target
    /// or key, bad value, package conflict...); its diagnostics say where and why.</exception>
    public Configuration Configure(string target = "unix", IReadOnlyDictionary<string, string>? keys = null) =>
        Configurator.Configure(new ConfigureRequest(
            Registration,
            ConfigFile: null,
            new ConfigureContext(target, keys ?? new Dictionary<string, string>()),
            Project,
            Directory));

    /// <summary>Writes the generated files into <c>mirage/</c> atomically (an unchanged file keeps its
    /// timestamp); returns their paths.</summary>
    public IReadOnlyList<string> Write(Configuration configuration) => Configurator.Write(configuration);

    /// <summary>Where the unikernel's files go: <c>mirage/</c>, <c>dist/</c>...</summary>
    public UnikernelLayout Layout => new(Directory);

    /// <summary><c>mirage clean</c>: removes what <see cref="Write"/> and <see cref="Build"/> wrote, and
    /// nothing else; returns what was done.</summary>
    public FilePlan Clean() => Layout.Clean();

    /// <summary><c>mirage describe</c>: name, target, keys and (verbose) packages and devices.</summary>
    public string Describe(Configuration configuration, bool verbose = false) =>
        TextDescription.Render(configuration.Graph, verbose);

    /// <summary><c>mirage describe --dot</c>: the device graph in Graphviz's dot language.</summary>
    public string DescribeDot(Configuration configuration) => DotDescription.Render(configuration.Graph);

    /// <summary><c>mirage query</c>: one fact, as lines.</summary>
    public IReadOnlyList<string> Query(Configuration configuration, QueryKind kind) =>
        Engine.Describe.Query.Render(configuration, kind);

    /// <summary>
    /// <c>mirage build</c>: writes the configuration, publishes it with <c>dotnet publish</c> and puts the
    /// binary in <c>dist/&lt;name&gt;</c>.
    /// </summary>
    public BuildResult Build(Configuration configuration)
    {
        Configurator.Write(configuration);
        return UnikernelBuilder.Publish(configuration);
    }
}
