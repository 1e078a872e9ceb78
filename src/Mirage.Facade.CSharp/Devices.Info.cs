using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>What a unikernel knows about itself: its name, version, target and packages.</summary>
    public static readonly Typ<AppInfo> AppInfo = ModuleTypes.AppInfo;
}

public static partial class Devices
{
    /// <summary>
    /// The unikernel's name, <paramref name="version"/> (none by default), target and resolved
    /// packages, written into the program when it is configured (upstream's <c>app_info</c>).
    /// Every call makes a new device.
    /// </summary>
    public static Impl<AppInfo> DefaultAppInfo(string? version = null) => Catalogue.DefaultAppInfo(version);
}
