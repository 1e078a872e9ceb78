using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Devices
{
    /// <summary>A POSIX clock at the epoch that moves only when the program sets it (upstream's <c>mock_ptime</c>).</summary>
    public static readonly Impl<PTime> MockPTime = Catalogue.MockPTime;

    /// <summary>A monotonic clock at zero that moves only when the program ticks it (upstream's <c>mock_mtime</c>).</summary>
    public static readonly Impl<MTime> MockMTime = Catalogue.MockMTime;
}
