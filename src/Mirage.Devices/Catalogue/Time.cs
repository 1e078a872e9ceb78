using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>Sleeps on the system's <c>TimeProvider</c> (upstream's <c>default_sleep</c>, formerly <c>default_time</c>).</summary>
    public static readonly Impl<Sleep> DefaultSleep = Declare.Device(
        "DefaultSleep", ModuleTypes.Sleep, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultSleep.Connect))}()");

    /// <summary>The system's wall clock (upstream's <c>default_ptime</c>, formerly <c>default_posix_clock</c>).</summary>
    public static readonly Impl<PTime> DefaultPTime = Declare.Device(
        "DefaultPClock", ModuleTypes.PTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultPClock.Connect))}()");

    /// <summary>The system's monotonic clock (upstream's <c>default_mtime</c>, formerly <c>default_monotonic_clock</c>).</summary>
    public static readonly Impl<MTime> DefaultMTime = Declare.Device(
        "DefaultMClock", ModuleTypes.MTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.DefaultMClock.Connect))}()");

    /// <summary>No sleep device (upstream's <c>no_sleep</c>): a sleep fails, naming the config's choice.</summary>
    public static readonly Impl<Sleep> NoSleep = Declare.Device(
        "NoSleep", ModuleTypes.Sleep, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.NoSleep.Connect))}()");

    /// <summary>No POSIX clock (upstream's <c>no_ptime</c>): reading it fails; log lines have no time.</summary>
    public static readonly Impl<PTime> NoPTime = Declare.Device(
        "NoPClock", ModuleTypes.PTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.NoPClock.Connect))}()");

    /// <summary>No monotonic clock (upstream's <c>no_mtime</c>): reading it fails, naming the config's choice.</summary>
    public static readonly Impl<MTime> NoMTime = Declare.Device(
        "NoMClock", ModuleTypes.MTime, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Time.NoMClock.Connect))}()");
}
