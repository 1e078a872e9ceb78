using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class ModuleTypes
{
    /// <summary>
    /// What the unikernel knows about itself: <c>Mirage.Runtime.Info.AppInfo</c> (its name, version,
    /// target and resolved packages; upstream's <c>app_info</c>).
    /// </summary>
    public static readonly ModuleType AppInfo = new ModuleType.Base("app_info", RuntimeName.Of(nameof(Mirage.Runtime.Info.AppInfo)));
}
