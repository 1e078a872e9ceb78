namespace Mirage.Runtime.Time;

/// <summary>
/// The POSIX (wall) clock: the <c>pclock</c> module type. Times are a number of days since the Unix
/// epoch and the picoseconds into that day, as in upstream's <c>Ptime</c>;
/// <see cref="PClockTime"/> converts them to and from <see cref="DateTimeOffset"/>.
/// </summary>
public interface IPClock
{
    /// <summary>The current time as days since 1970-01-01 UTC and picoseconds (0 ≤ ps &lt; 86 400 × 10¹²) into the day.</summary>
    (int Days, long Picoseconds) NowDPs();

    /// <summary>The local time zone's offset from UTC now, in seconds, when it is known.</summary>
    int? CurrentTzOffsetSeconds();

    /// <summary>The clock's period (its resolution) as days and picoseconds, when it is known.</summary>
    (int Days, long Picoseconds)? PeriodDPs();
}
