namespace Mirage.Runtime.Time;

/// <summary>The POSIX clock of a <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> by default).</summary>
public sealed class DefaultPClock : IPClock
{
    private readonly TimeProvider _timeProvider;

    /// <summary>A POSIX clock reading <paramref name="timeProvider"/>'s UTC time and local time zone.</summary>
    public DefaultPClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The default POSIX clock, on <see cref="TimeProvider.System"/>.</summary>
    public static IPClock Connect() => new DefaultPClock(TimeProvider.System);

    /// <inheritdoc />
    public (int Days, long Picoseconds) NowDPs() => PClockTime.FromDateTimeOffset(_timeProvider.GetUtcNow());

    /// <inheritdoc />
    public int? CurrentTzOffsetSeconds() =>
        (int)_timeProvider.LocalTimeZone.GetUtcOffset(_timeProvider.GetUtcNow()).TotalSeconds;

    /// <inheritdoc />
    /// <remarks>The resolution of <see cref="DateTimeOffset"/>: one 100 ns tick.</remarks>
    public (int Days, long Picoseconds)? PeriodDPs() => (0, PClockTime.PicosecondsPerTick);
}
