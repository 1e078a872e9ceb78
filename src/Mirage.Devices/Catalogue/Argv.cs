using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>The process's command line: the generated <c>Main</c>'s <c>args</c> (upstream's <c>default_argv</c>).</summary>
    public static readonly Impl<Argv> DefaultArgv = Declare.Device("DefaultArgv", ModuleTypes.Argv, connect: _ => "args");

    /// <summary>An empty command line: runtime arguments keep their defaults (upstream's <c>no_argv</c>).</summary>
    public static readonly Impl<Argv> NoArgv = Declare.Device(
        "NoArgv", ModuleTypes.Argv, connect: _ => "System.Array.Empty<string>()");
}
