using Mirage.Devices.Contract;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of what a unikernel knows about itself.</summary>
    public sealed class AppInfo
    {
        private AppInfo() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>
        /// What the unikernel knows about itself: <c>Mirage.Runtime.Info.AppInfo</c> (its name, version,
        /// target and resolved packages; upstream's <c>app_info</c>).
        /// </summary>
        public static readonly Typ<AppInfo> AppInfo = new("app_info", RuntimeName.Of(nameof(Mirage.Runtime.Info.AppInfo)));
    }
}
