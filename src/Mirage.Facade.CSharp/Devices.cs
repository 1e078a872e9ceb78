using Mirage.Devices;
using Mirage.Runtime.Logging;

namespace Mirage.CSharp;

/// <summary>The catalogue's devices, typed. Properties are shared devices; methods make new ones.</summary>
public static partial class Devices
{
    /// <summary>Sleeps on the system clock.</summary>
    public static readonly Impl<Sleep> DefaultSleep = Catalogue.DefaultSleep;

    /// <summary>The system's wall clock.</summary>
    public static readonly Impl<PTime> DefaultPTime = Catalogue.DefaultPTime;

    /// <summary>The system's monotonic clock.</summary>
    public static readonly Impl<MTime> DefaultMTime = Catalogue.DefaultMTime;

    /// <summary>The operating system's secure random generator.</summary>
    public static readonly Impl<Random> DefaultRandom = Catalogue.DefaultRandom;

    /// <summary>No sleep device: a sleep fails, naming the config's choice (upstream's <c>no_sleep</c>).</summary>
    public static readonly Impl<Sleep> NoSleep = Catalogue.NoSleep;

    /// <summary>No wall clock: reading it fails; log lines have no time (upstream's <c>no_ptime</c>).</summary>
    public static readonly Impl<PTime> NoPTime = Catalogue.NoPTime;

    /// <summary>No monotonic clock: reading it fails, naming the config's choice (upstream's <c>no_mtime</c>).</summary>
    public static readonly Impl<MTime> NoMTime = Catalogue.NoMTime;

    /// <summary>No random device: drawing from it fails, naming the config's choice (upstream's <c>no_random</c>).</summary>
    public static readonly Impl<Random> NoRandom = Catalogue.NoRandom;

    /// <summary>A console reporter with no threshold and no <c>--logs</c> argument.</summary>
    public static readonly Impl<Reporter> NoReporter = Catalogue.NoReporter;

    /// <summary>The process's command line.</summary>
    public static readonly Impl<Argv> DefaultArgv = Catalogue.DefaultArgv;

    /// <summary>An empty command line: runtime arguments keep their defaults.</summary>
    public static readonly Impl<Argv> NoArgv = Catalogue.NoArgv;

    /// <summary>A job that does nothing.</summary>
    public static readonly Impl<Job> Noop = Catalogue.Noop;

    /// <summary>
    /// Logs to the console at <paramref name="level"/> unless <c>-l/--logs</c> says otherwise;
    /// <c>null</c> leaves the runtime's default. Each call makes a new device.
    /// </summary>
    public static Impl<Reporter> DefaultReporter(LogLevel? level = LogLevel.Info) => Catalogue.DefaultReporter(level);
}
