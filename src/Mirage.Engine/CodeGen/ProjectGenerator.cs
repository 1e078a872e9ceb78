using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;
using Mirage.Engine.Targets;

namespace Mirage.Engine.CodeGen;

/// <summary>Where the generated project finds what it links against.</summary>
/// <param name="RuntimeProject">
/// Development mode: the absolute path of <c>Mirage.Runtime.csproj</c> in a checkout, referenced as a
/// project, with Mirage's other runtime libraries (<see cref="PackageKind.RuntimeLibrary"/>) the projects
/// beside it. <c>null</c> (the default): the runtime packages at <see cref="RuntimeVersion"/>.
/// </param>
/// <param name="RuntimeIdentifier">The RID to publish for; defaults to this machine's.</param>
/// <param name="RuntimeVersion">The version of the runtime packages; defaults to this engine's own (every
/// Mirage package has one version), so a tool generates projects for exactly its own runtime.</param>
public sealed record ProjectOptions(string? RuntimeProject = null, string? RuntimeIdentifier = null, string? RuntimeVersion = null)
{
    public string Rid => RuntimeIdentifier ?? RuntimeInformation.RuntimeIdentifier;

    /// <summary>The runtime packages' version: given, or this engine's informational version without
    /// its source revision.</summary>
    public string PackageVersion => RuntimeVersion ?? OwnVersion;

    private static string OwnVersion =>
        (typeof(ProjectOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
         ?? typeof(ProjectOptions).Assembly.GetName().Version!.ToString(3)).Split('+')[0];

    /// <summary>How the generated project references the runtime library <paramref name="name"/>
    /// (<c>Mirage.Runtime</c>, <c>Mirage.Runtime.Http</c>...): in development mode the project
    /// <c>&lt;src&gt;/name/name.csproj</c> beside <see cref="RuntimeProject"/> (no version), else the
    /// package at exactly <see cref="PackageVersion"/>.</summary>
    public (string ItemType, string Include, string? Version) RuntimeReference(string name) =>
        RuntimeProject is null
            ? ("PackageReference", name, $"[{PackageVersion}]")
            : ("ProjectReference", Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(RuntimeProject))!, name, name + ".csproj"), null);
}

/// <summary>
/// Writes <c>mirage/&lt;name&gt;.csproj</c> for a target: the user's C# sources beside the config plus
/// <c>main.cs</c>, the merged packages, and the runtime. Trim and AOT analyzers are on and warnings
/// are errors on every target, so a unikernel that works on <c>unix</c> also works on <c>aot</c>.
/// Also writes empty <c>Directory.Build.props/targets</c> so that settings of an enclosing
/// repository never leak into the unikernel's build.
/// </summary>
public static class ProjectGenerator
{
    public static string ProjectFileName(string name) => name + ".csproj";

    /// <summary>What every generated program links.</summary>
    public const string RuntimePackage = "Mirage.Runtime";

    /// <summary>The conventional C# config, never part of the unikernel (whichever config is used, so
    /// that a config.fsx and its config.cs twin generate the same project).</summary>
    public const string CSharpConfigName = "config.cs";

    /// <param name="graph">The optimized unikernel.</param>
    /// <param name="target">The target it is built for.</param>
    /// <param name="options">Where the runtime is.</param>
    /// <param name="configFileName">The config's file name: a C# config beside the unikernel's sources
    /// is excluded from them, as <c>config.cs</c> always is.</param>
    public static IReadOnlyList<GeneratedFile> Generate(
        ResolvedGraph graph, Target target, ProjectOptions options, string? configFileName = null)
    {
        var x = new StringBuilder();
        x.Append($"<!-- {GeneratedFile.Marker} configure for {Xml(graph.Name)} (target {target.Name}). Do not edit: run `mirage configure` again. -->\n");
        x.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n");
        x.Append("  <PropertyGroup>\n");
        foreach (var (key, value) in CommonProperties(graph, options).Concat(target.ProjectProperties))
        {
            x.Append($"    <{key}>{Xml(value)}</{key}>\n");
        }
        x.Append("  </PropertyGroup>\n");
        var items = graph.Instances.SelectMany(i => i.Device.ProjectItems).Distinct().ToList();
        x.Append("  <ItemGroup>\n");
        x.Append($"    <Compile Include=\"{MainGenerator.FileName}\" />\n");
        x.Append($"    <Compile Include=\"../**/*.cs\" Exclude=\"{Xml(string.Join(';', CompileExcludes(configFileName, items)))}\" />\n");
        x.Append("  </ItemGroup>\n");
        if (items.Count > 0)
        {
            x.Append("  <ItemGroup>\n");
            foreach (var item in items)
            {
                x.Append($"    <{item.ItemType} Include=\"../{Xml(item.Include)}\"");
                if (item.Metadata.Count == 0)
                {
                    x.Append(" />\n");
                    continue;
                }
                x.Append(">\n");
                foreach (var (name, value) in item.Metadata)
                {
                    x.Append($"      <{name}>{Xml(value)}</{name}>\n");
                }
                x.Append($"    </{item.ItemType}>\n");
            }
            x.Append("  </ItemGroup>\n");
        }
        x.Append("  <ItemGroup>\n");
        foreach (var p in graph.Packages)
        {
            switch (p.Kind)
            {
                case PackageKind.Framework:
                    x.Append($"    <FrameworkReference Include=\"{Xml(p.Name)}\" />\n");
                    break;
                case PackageKind.RuntimeLibrary:
                    AppendRuntimeReference(x, options, p.Name);
                    break;
                default:
                    var privateAssets = p.BuildOnly ? " PrivateAssets=\"all\"" : "";
                    x.Append($"    <PackageReference Include=\"{Xml(p.Name)}\" Version=\"{Xml(p.VersionRange)}\"{privateAssets} />\n");
                    break;
            }
        }
        AppendRuntimeReference(x, options, RuntimePackage);
        x.Append("  </ItemGroup>\n");
        x.Append("</Project>\n");

        const string empty = $"<!-- {GeneratedFile.Marker}: keeps the unikernel's build independent of enclosing folders. -->\n<Project />\n";
        return
        [
            new GeneratedFile(ProjectFileName(graph.Name), x.ToString()),
            new GeneratedFile("Directory.Build.props", empty),
            new GeneratedFile("Directory.Build.targets", empty),
        ];
    }

    /// <summary>
    /// What the unikernel's own sources leave out: C# configs (they would compile into the unikernel),
    /// the generated and built files, and the folders devices' items name: a local project's (its own
    /// project compiles its sources) or an embedded directory's (its files are data, even a .cs).
    /// </summary>
    private static IEnumerable<string> CompileExcludes(string? configFileName, IEnumerable<ProjectItem> items)
    {
        var configs = new List<string> { CSharpConfigName };
        if (configFileName is not null
            && configFileName.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
            && configFileName != CSharpConfigName)
        {
            configs.Add(configFileName);
        }
        var fixedExcludes = Output.UnikernelLayout.CompileExcludes;
        var itemFolders = items
            .Select(i => Path.GetDirectoryName(i.Include)?.Replace('\\', '/'))
            // A folder, not the config's own (whose sources are the unikernel's).
            .Where(folder => !string.IsNullOrEmpty(folder) && folder != ".")
            .Distinct()
            .Select(folder => $"../{folder}/**");
        return configs.Select(c => "../" + c).Concat(fixedExcludes).Concat(itemFolders);
    }

    private static IEnumerable<KeyValuePair<string, string>> CommonProperties(ResolvedGraph graph, ProjectOptions options) =>
    [
        new("OutputType", "Exe"),
        new("TargetFramework", "net10.0"),
        new("AssemblyName", graph.Name),
        new("RootNamespace", "Unikernel"),
        new("Nullable", "enable"),
        new("ImplicitUsings", "enable"),
        new("LangVersion", "latest"),
        new("RuntimeIdentifier", options.Rid),
        new("EnableDefaultCompileItems", "false"),
        new("IsAotCompatible", "true"),
        new("TreatWarningsAsErrors", "true"),
        new("SatelliteResourceLanguages", "en"),
        new("GenerateDocumentationFile", "false"),
        new("DebugType", "none"),
    ];

    private static void AppendRuntimeReference(StringBuilder x, ProjectOptions options, string name)
    {
        var (itemType, include, version) = options.RuntimeReference(name);
        var versionAttribute = version is null ? "" : $" Version=\"{Xml(version)}\"";
        x.Append($"    <{itemType} Include=\"{Xml(include)}\"{versionAttribute} />\n");
    }

    private static string Xml(string text) => SecurityElement.Escape(text) ?? "";
}
