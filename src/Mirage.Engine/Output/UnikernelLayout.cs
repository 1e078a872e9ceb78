namespace Mirage.Engine.Output;

/// <summary>
/// Where a unikernel's files live, beside its config (or in the folder a program names): configure
/// writes <c>mirage/</c>, build publishes into <c>mirage/publish/</c> and puts the binary in
/// <c>dist/&lt;name&gt;</c>; and what <c>clean</c> may remove, which is exactly those.
/// </summary>
public sealed record UnikernelLayout
{
    private const string OutputName = "mirage";
    private const string DistName = "dist";

    /// <summary>The build's own folders inside <c>mirage/</c>, removed whole by clean.</summary>
    public static readonly IReadOnlyList<string> BuildFolders = ["bin", "obj", "publish"];

    /// <summary>What the generated project (in <c>mirage/</c>) leaves out of the unikernel's own
    /// sources: the generated and built files.</summary>
    public static readonly IReadOnlyList<string> CompileExcludes =
        [$"../{OutputName}/**", $"../{DistName}/**", "../**/bin/**", "../**/obj/**"];

    /// <param name="directory">The unikernel's folder (made absolute).</param>
    public UnikernelLayout(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The layout of the unikernel whose config is <paramref name="configFile"/>.</summary>
    public static UnikernelLayout OfConfig(string configFile) =>
        new(Path.GetDirectoryName(Path.GetFullPath(configFile))!);

    /// <summary>The unikernel's folder (absolute).</summary>
    public string Directory { get; }

    /// <summary><c>mirage/</c>: what configure writes.</summary>
    public string Output => Path.Combine(Directory, OutputName);

    /// <summary><c>mirage/publish/</c>: where build publishes.</summary>
    public string Publish => Path.Combine(Output, "publish");

    /// <summary><c>dist/</c>: where built unikernels land.</summary>
    public string Dist => Path.Combine(Directory, DistName);

    /// <summary>The saved configure context, <c>mirage/context</c>.</summary>
    public string ContextFile => Path.Combine(Output, ConfigureContext.FileName);

    /// <summary>The binary of the unikernel <paramref name="name"/>: <c>dist/&lt;name&gt;</c>.</summary>
    public string Binary(string name) => Path.Combine(Dist, name);

    /// <summary>
    /// What clean removes, read from the disk as it is now: the binaries of the projects configure
    /// generated, the build's folders, every generated file (they carry the marker; a user's own
    /// files in <c>mirage/</c> stay), and <c>mirage/</c> and <c>dist/</c> when nothing else is left.
    /// </summary>
    public FilePlan CleanPlan()
    {
        var actions = new List<FileAction>();
        if (System.IO.Directory.Exists(Output))
        {
            var generated = System.IO.Directory.GetFiles(Output)
                .Order(StringComparer.Ordinal)
                .Where(OutputWriter.IsGenerated)
                .ToList();
            foreach (var project in generated.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                var binary = Binary(Path.GetFileNameWithoutExtension(project));
                if (File.Exists(binary))
                {
                    actions.Add(new FileAction(FileActionKind.Delete, binary));
                }
            }
            foreach (var folder in BuildFolders.Select(f => Path.Combine(Output, f)).Where(System.IO.Directory.Exists))
            {
                actions.Add(new FileAction(FileActionKind.DeleteTree, folder));
            }
            actions.AddRange(generated.Select(f => new FileAction(FileActionKind.Delete, f)));
            AddIfEmptied(actions, Output);
        }
        AddIfEmptied(actions, Dist);
        return new FilePlan(Output, actions);
    }

    // Deletes a folder the plan empties (the step checks again when it runs).
    private static void AddIfEmptied(List<FileAction> actions, string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            return;
        }
        var removed = actions.Select(a => a.Path).ToHashSet();
        if (System.IO.Directory.GetFileSystemEntries(folder).All(e => removed.Contains(Path.GetFullPath(e))))
        {
            actions.Add(new FileAction(FileActionKind.DeleteIfEmpty, folder));
        }
    }

    /// <summary>Removes what configure and build wrote (see <see cref="CleanPlan"/>); returns what was done.</summary>
    public FilePlan Clean() => FilePlanRunner.Run(Output, CleanPlan);
}
