using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Devices
{
    /// <summary>A POSIX clock at the epoch that moves only when the program sets it (upstream's <c>mock_ptime</c>).</summary>
    public static readonly Impl<PTime> MockPTime = new(Catalogue.MockPTime);

    /// <summary>A monotonic clock at zero that moves only when the program ticks it (upstream's <c>mock_mtime</c>).</summary>
    public static readonly Impl<MTime> MockMTime = new(Catalogue.MockMTime);

    /// <summary>
    /// The unikernel's name, <paramref name="version"/> (none by default), target and resolved
    /// packages, written into the program when it is configured (upstream's <c>app_info</c>).
    /// Every call makes a new device.
    /// </summary>
    public static Impl<AppInfo> DefaultAppInfo(string? version = null) => new(Catalogue.AppInfo(version));
}
