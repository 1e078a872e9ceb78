namespace Mirage.Runtime.Time;

/// <summary>
/// A monotonic clock that moves only when the program ticks it (upstream's <c>mock_mtime</c>,
/// mirage-mtime's <c>mock</c> with its <c>Mirage_mtime_set</c>): it starts at zero, has no known
/// period, goes forward by <see cref="Tick"/> and <see cref="TickFor(long)"/>, and back to zero only by
/// <see cref="Reset"/>. For tests and for unikernels that must be deterministic.
/// </summary>
/// <remarks>
/// It counts nanoseconds itself rather than a <see cref="TimeProvider"/>'s 100 ns ticks, so every
/// nanosecond it is told to move shows.
/// </remarks>
public sealed class MockMClock : IMClock
{
    private long _elapsedNs;

    /// <summary>A new mock clock at zero.</summary>
    public static MockMClock Connect() => new();

    /// <inheritdoc />
    public long ElapsedNs() => Interlocked.Read(ref _elapsedNs);

    /// <inheritdoc />
    /// <remarks>Unknown: the clock has no resolution of its own.</remarks>
    public long? PeriodNs() => null;

    /// <summary>Moves the clock one nanosecond forward.</summary>
    public void Tick() => TickFor(1);

    /// <summary>Moves the clock <paramref name="ns"/> nanoseconds forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ns"/> is negative: a monotonic clock does not go back.</exception>
    /// <exception cref="OverflowException">The clock would pass <see cref="long.MaxValue"/> nanoseconds (292 years).</exception>
    public void TickFor(long ns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ns);
        long current, next;
        do
        {
            current = Interlocked.Read(ref _elapsedNs);
            next = checked(current + ns);
        }
        while (Interlocked.CompareExchange(ref _elapsedNs, next, current) != current);
    }

    /// <summary>Moves the clock by <paramref name="duration"/>, to its 100 ns tick.</summary>
    public void TickFor(TimeSpan duration) => TickFor(checked(duration.Ticks * 100));

    /// <summary>Puts the clock back to zero, as a restart would.</summary>
    public void Reset() => Interlocked.Exchange(ref _elapsedNs, 0);
}
