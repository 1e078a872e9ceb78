namespace Mirage.Runtime.Time;

/// <summary>Converts the (days, picoseconds) pairs of <see cref="IPClock"/> to and from <see cref="DateTimeOffset"/>.</summary>
public static class PClockTime
{
    /// <summary>Picoseconds in a day: 86 400 × 10¹².</summary>
    public const long PicosecondsPerDay = 86_400L * 1_000_000_000_000L;

    /// <summary>Picoseconds in a <see cref="TimeSpan"/> tick (100 ns).</summary>
    public const long PicosecondsPerTick = 100_000L;

    /// <summary>
    /// The UTC instant <paramref name="time"/> denotes, truncated to the 100 ns resolution of
    /// <see cref="DateTimeOffset"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The picoseconds are outside one day, or the instant outside the years 1–9999.</exception>
    public static DateTimeOffset ToDateTimeOffset((int Days, long Picoseconds) time)
    {
        var (days, picoseconds) = time;
        ArgumentOutOfRangeException.ThrowIfNegative(picoseconds, nameof(time));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(picoseconds, PicosecondsPerDay, nameof(time));

        // Int128: days × ticks per day overflows a long for days far outside DateTimeOffset's range.
        var ticks = DateTime.UnixEpoch.Ticks + ((Int128)days * TimeSpan.TicksPerDay) + (picoseconds / PicosecondsPerTick);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "The time is outside the range of DateTimeOffset.");
        }

        return new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// The time <paramref name="clock"/> reads now, or null when the unikernel has no clock
    /// (<see cref="NoPClock"/>): what log reporters stamp their lines with.
    /// </summary>
    public static DateTimeOffset? NowIfAny(IPClock clock) =>
        clock is NoPClock ? null : ToDateTimeOffset(clock.NowDPs());

    /// <summary>The (days, picoseconds) pair of an instant; days are negative before 1970.</summary>
    public static (int Days, long Picoseconds) FromDateTimeOffset(DateTimeOffset instant)
    {
        var sinceEpoch = instant.UtcTicks - DateTime.UnixEpoch.Ticks;
        var days = Math.DivRem(sinceEpoch, TimeSpan.TicksPerDay, out var ticksIntoDay);
        if (ticksIntoDay < 0)
        {
            // Floor division: the picoseconds into the day are never negative.
            days--;
            ticksIntoDay += TimeSpan.TicksPerDay;
        }

        return ((int)days, ticksIntoDay * PicosecondsPerTick);
    }
}
