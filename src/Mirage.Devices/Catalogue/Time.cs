using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>Sleeps on the system's <c>TimeProvider</c> (upstream's <c>default_sleep</c>, formerly <c>default_time</c>).</summary>
    public static readonly Impl DefaultSleep = Impl.Of(new Device(
        "DefaultSleep", ModuleTypes.Sleep, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultSleep.Connect))}()"));

    /// <summary>The system's wall clock (upstream's <c>default_ptime</c>, formerly <c>default_posix_clock</c>).</summary>
    public static readonly Impl DefaultPTime = Impl.Of(new Device(
        "DefaultPClock", ModuleTypes.PTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultPClock.Connect))}()"));

    /// <summary>The system's monotonic clock (upstream's <c>default_mtime</c>, formerly <c>default_monotonic_clock</c>).</summary>
    public static readonly Impl DefaultMTime = Impl.Of(new Device(
        "DefaultMClock", ModuleTypes.MTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultMClock.Connect))}()"));
}
