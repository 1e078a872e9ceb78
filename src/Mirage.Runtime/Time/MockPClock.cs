namespace Mirage.Runtime.Time;

/// <summary>
/// A POSIX clock that reads only what the program sets (upstream's <c>mock_ptime</c>, mirage-ptime's
/// <c>mock</c> with its <c>Mirage_ptime_set</c>): it starts at the epoch with no time zone and no
/// period, and moves only through <c>Set</c>. For tests and for unikernels that must be
/// deterministic.
/// </summary>
/// <remarks>
/// It keeps the (days, picoseconds) pair itself rather than a <see cref="TimeProvider"/>'s
/// <see cref="DateTimeOffset"/>, so a time set to the picosecond reads back exactly.
/// </remarks>
public sealed class MockPClock : IPClock
{
    private readonly Lock _gate = new();
    private (int Days, long Picoseconds) _now;
    private int? _tzOffsetSeconds;
    private (int Days, long Picoseconds)? _period;

    /// <summary>A new mock clock at the epoch (0, 0), no time zone, no period.</summary>
    public static MockPClock Connect() => new();

    /// <inheritdoc />
    public (int Days, long Picoseconds) NowDPs()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public int? CurrentTzOffsetSeconds()
    {
        lock (_gate)
        {
            return _tzOffsetSeconds;
        }
    }

    /// <inheritdoc />
    public (int Days, long Picoseconds)? PeriodDPs()
    {
        lock (_gate)
        {
            return _period;
        }
    }

    /// <summary>Sets the time to <paramref name="time"/> (days since the epoch, picoseconds into the day).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The picoseconds are outside one day.</exception>
    public void Set((int Days, long Picoseconds) time)
    {
        CheckPicoseconds(time.Picoseconds, nameof(time));
        lock (_gate)
        {
            _now = time;
        }
    }

    /// <summary>Sets the time to the instant <paramref name="time"/>, to its 100 ns tick.</summary>
    public void Set(DateTimeOffset time) => Set(PClockTime.FromDateTimeOffset(time));

    /// <summary>Sets the local time zone's offset from UTC in seconds (null: unknown).</summary>
    public void SetTzOffset(int? seconds)
    {
        lock (_gate)
        {
            _tzOffsetSeconds = seconds;
        }
    }

    /// <summary>Sets the period the clock reports (null: unknown).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The picoseconds are outside one day or the days negative.</exception>
    public void SetPeriod((int Days, long Picoseconds)? period)
    {
        if (period is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p.Days, nameof(period));
            CheckPicoseconds(p.Picoseconds, nameof(period));
        }
        lock (_gate)
        {
            _period = period;
        }
    }

    private static void CheckPicoseconds(long picoseconds, string parameter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(picoseconds, parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(picoseconds, PClockTime.PicosecondsPerDay, parameter);
    }
}
