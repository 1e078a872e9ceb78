using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// A POSIX clock at the epoch that moves only when the program sets it (upstream's
    /// <c>mock_ptime</c>); its value is a <c>Mirage.Runtime.Time.MockPClock</c>.
    /// </summary>
    public static readonly Impl<PTime> MockPTime = Declare.Device(
        "MockPClock", ModuleTypes.PTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.MockPClock.Connect))}()");

    /// <summary>
    /// A monotonic clock at zero that moves only when the program ticks it (upstream's
    /// <c>mock_mtime</c>); its value is a <c>Mirage.Runtime.Time.MockMClock</c>.
    /// </summary>
    public static readonly Impl<MTime> MockMTime = Declare.Device(
        "MockMClock", ModuleTypes.MTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.MockMClock.Connect))}()");
}
