namespace Mirage.Runtime.Time;

/// <summary>
/// The monotonic clock of a <see cref="TimeProvider"/>'s timestamps (<see cref="TimeProvider.System"/>
/// by default); it counts from the moment the clock was created.
/// </summary>
public sealed class DefaultMClock : IMClock
{
    private const long NanosecondsPerSecond = 1_000_000_000L;

    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly long _frequency;

    /// <summary>A monotonic clock on <paramref name="timeProvider"/>'s timestamps, starting at zero now.</summary>
    public DefaultMClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _frequency = timeProvider.TimestampFrequency;
        _origin = timeProvider.GetTimestamp();
    }

    /// <summary>The default monotonic clock, on <see cref="TimeProvider.System"/>.</summary>
    public static IMClock Connect() => new DefaultMClock(TimeProvider.System);

    /// <inheritdoc />
    public long ElapsedNs()
    {
        var elapsed = _timeProvider.GetTimestamp() - _origin;
        // Widen before multiplying: timestamps × 10⁹ overflow a long after a few seconds at high frequencies.
        return _frequency == NanosecondsPerSecond
            ? elapsed
            : (long)((Int128)elapsed * NanosecondsPerSecond / _frequency);
    }

    /// <inheritdoc />
    /// <remarks>One timestamp tick, rounded up to a whole nanosecond.</remarks>
    public long? PeriodNs() => (NanosecondsPerSecond + _frequency - 1) / _frequency;
}
