using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>What a unikernel knows about itself: its name, version, target and packages.</summary>
    public static readonly Typ<AppInfo> AppInfo = new(ModuleTypes.AppInfo);
}
