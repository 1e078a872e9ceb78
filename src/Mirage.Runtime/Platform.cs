using System.Runtime.CompilerServices;
using Mirage.Runtime.Entropy;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Mirage.Runtime;

/// <summary>
/// The ambient devices of a unikernel process. The generated program's init roles install the
/// connected devices here (the log reporter, the clocks, sleep and entropy), and the runtime itself
/// uses them: <see cref="Log"/> reports through <see cref="Reporter"/>, whose lines take their time
/// from <see cref="PClock"/>. Until something is installed, the defaults run on
/// <see cref="TimeProvider.System"/>, <see cref="System.Security.Cryptography.RandomNumberGenerator"/>,
/// and a console reporter at <see cref="LogLevel.Info"/>.
/// </summary>
public static class Platform
{
    private static IReporter s_reporter = ConsoleReporter.Connect(LogLevel.Info, logs: null);
    private static ISleep s_sleep = DefaultSleep.Connect();
    private static IPClock s_pclock = DefaultPClock.Connect();
    private static IMClock s_mclock = DefaultMClock.Connect();
    private static IRandom s_random = DefaultRandom.Connect();

    /// <summary>The installed log reporter.</summary>
    public static IReporter Reporter => Volatile.Read(ref s_reporter);

    /// <summary>The installed sleep device.</summary>
    public static ISleep Sleep => Volatile.Read(ref s_sleep);

    /// <summary>The installed POSIX (wall) clock.</summary>
    public static IPClock PClock => Volatile.Read(ref s_pclock);

    /// <summary>The installed monotonic clock.</summary>
    public static IMClock MClock => Volatile.Read(ref s_mclock);

    /// <summary>The installed entropy source.</summary>
    public static IRandom Random => Volatile.Read(ref s_random);

    /// <summary>Installs the log reporter that <see cref="Log"/> reports through.</summary>
    public static void UseReporter(IReporter r) => Volatile.Write(ref s_reporter, Require(r));

    /// <summary>Installs the sleep device.</summary>
    public static void UseSleep(ISleep s) => Volatile.Write(ref s_sleep, Require(s));

    /// <summary>Installs the POSIX clock (which also timestamps log lines).</summary>
    public static void UsePClock(IPClock c) => Volatile.Write(ref s_pclock, Require(c));

    /// <summary>Installs the monotonic clock.</summary>
    public static void UseMClock(IMClock c) => Volatile.Write(ref s_mclock, Require(c));

    /// <summary>Installs the entropy source.</summary>
    public static void UseRandom(IRandom r) => Volatile.Write(ref s_random, Require(r));

    private static T Require<T>(T device, [CallerArgumentExpression(nameof(device))] string? parameter = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(device, parameter);
        return device;
    }
}
