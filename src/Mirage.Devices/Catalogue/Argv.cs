using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>The process's command line: the generated <c>Main</c>'s <c>args</c> (upstream's <c>default_argv</c>).</summary>
    public static readonly Impl DefaultArgv = Impl.Of(new Device("DefaultArgv", ModuleTypes.Argv, connect: _ => "args"));

    /// <summary>An empty command line: runtime arguments keep their defaults (upstream's <c>no_argv</c>).</summary>
    public static readonly Impl NoArgv = Impl.Of(new Device(
        "NoArgv", ModuleTypes.Argv, connect: _ => "System.Array.Empty<string>()"));
}
