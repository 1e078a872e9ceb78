namespace Mirage.Runtime.Time;

/// <summary>The monotonic clock: the <c>mclock</c> module type. It never goes back and ignores wall-clock changes.</summary>
public interface IMClock
{
    /// <summary>Nanoseconds elapsed since an arbitrary point fixed for the clock's lifetime (its creation).</summary>
    long ElapsedNs();

    /// <summary>The clock's period (its resolution) in nanoseconds, when it is known.</summary>
    long? PeriodNs();
}
