namespace Mirage.Runtime.Time;

/// <summary>No sleep device (upstream's <c>no_sleep</c>): every sleep fails with a <see cref="DisabledDeviceException"/>.</summary>
public sealed class NoSleep : ISleep
{
    private NoSleep()
    {
    }

    /// <summary>The one disabled sleep device.</summary>
    public static ISleep Connect() => Instance;

    private static readonly NoSleep Instance = new();

    /// <inheritdoc />
    public ValueTask SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        throw Disabled();

    /// <inheritdoc />
    public ValueTask SleepNsAsync(long ns, CancellationToken cancellationToken = default) => throw Disabled();

    private static DisabledDeviceException Disabled() => new("sleep", "no_sleep", "default_sleep");
}

/// <summary>
/// No POSIX clock (upstream's <c>no_ptime</c>): reading it fails with a <see cref="DisabledDeviceException"/>;
/// log lines go out without a time (<see cref="PClockTime.NowIfAny"/>).
/// </summary>
public sealed class NoPClock : IPClock
{
    private NoPClock()
    {
    }

    /// <summary>The one disabled POSIX clock.</summary>
    public static IPClock Connect() => Instance;

    private static readonly NoPClock Instance = new();

    /// <inheritdoc />
    public (int Days, long Picoseconds) NowDPs() => throw Disabled();

    /// <inheritdoc />
    public int? CurrentTzOffsetSeconds() => throw Disabled();

    /// <inheritdoc />
    public (int Days, long Picoseconds)? PeriodDPs() => throw Disabled();

    private static DisabledDeviceException Disabled() => new("ptime", "no_ptime", "default_ptime");
}

/// <summary>No monotonic clock (upstream's <c>no_mtime</c>): reading it fails with a <see cref="DisabledDeviceException"/>.</summary>
public sealed class NoMClock : IMClock
{
    private NoMClock()
    {
    }

    /// <summary>The one disabled monotonic clock.</summary>
    public static IMClock Connect() => Instance;

    private static readonly NoMClock Instance = new();

    /// <inheritdoc />
    public long ElapsedNs() => throw Disabled();

    /// <inheritdoc />
    public long? PeriodNs() => throw Disabled();

    private static DisabledDeviceException Disabled() => new("mtime", "no_mtime", "default_mtime");
}
