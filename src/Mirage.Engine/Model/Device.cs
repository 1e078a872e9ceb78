using Mirage.Engine.CodeGen;

namespace Mirage.Engine.Model;

/// <summary>
/// One device definition, made by one call of upstream's <c>impl</c> (or <c>main</c>): a module
/// name, its module type, and what it needs. Identity matters: every construction gets a fresh
/// <see cref="Id"/>, so one definition used in many places is connected once, while two
/// constructions stay two devices even when they look alike.
/// </summary>
public sealed class Device
{
    private static int s_nextId;

    public Device(
        string moduleName,
        ModuleType type,
        IReadOnlyList<Package>? packages = null,
        IReadOnlyList<Key>? keys = null,
        IReadOnlyList<RuntimeArg>? runtimeArgs = null,
        IReadOnlyList<Impl>? extraDeps = null,
        ConnectEmitter? connect = null,
        IReadOnlyList<string>? files = null,
        SourceLocation? location = null,
        IReadOnlyList<ProjectItem>? projectItems = null)
    {
        if (string.IsNullOrWhiteSpace(moduleName))
        {
            throw new ArgumentException("a device needs a module name", nameof(moduleName));
        }
        Id = Interlocked.Increment(ref s_nextId);
        ModuleName = moduleName;
        Type = type;
        Packages = packages ?? [];
        Keys = keys ?? [];
        RuntimeArgs = runtimeArgs ?? [];
        ExtraDeps = extraDeps ?? [];
        Connect = connect ?? DefaultConnect;
        Files = files ?? [];
        ProjectItems = projectItems ?? [];
        Location = location;
    }

    public int Id { get; }
    public string ModuleName { get; }
    public ModuleType Type { get; }
    public IReadOnlyList<Package> Packages { get; }
    public IReadOnlyList<Key> Keys { get; }
    public IReadOnlyList<RuntimeArg> RuntimeArgs { get; }
    /// <summary>Devices this one needs connected first, without being functor arguments.</summary>
    public IReadOnlyList<Impl> ExtraDeps { get; }
    public ConnectEmitter Connect { get; }
    /// <summary>Files (relative to the config) the device's code needs at build time.</summary>
    public IReadOnlyList<string> Files { get; }
    /// <summary>MSBuild items the device adds to the generated project (embedded files, say).</summary>
    public IReadOnlyList<ProjectItem> ProjectItems { get; }
    public SourceLocation? Location { get; }

    /// <summary>
    /// The default connect code: construct the module with its functor arguments in order, then its
    /// runtime arguments by name (<c>new Unikernel.Hello(sleep, hello: ...)</c>).
    /// </summary>
    public static string DefaultConnect(ConnectContext context)
    {
        var arguments = context.Arguments.Concat(
            context.RuntimeArguments.Select(a => $"{CSharpNames.Parameter(a.Key)}: {a.Value}"));
        return $"new {context.ModuleName}({string.Join(", ", arguments)})";
    }

    public override string ToString() => $"{ModuleName}#{Id} : {Type}";
}
