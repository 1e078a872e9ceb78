namespace Mirage.Runtime.Syslog;

/// <summary>
/// How long to wait before the next connection attempt: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, so a dead collector costs one attempt per <see cref="Maximum"/>, not a tight
/// loop. Pure.
/// </summary>
public readonly record struct SyslogBackoff(TimeSpan Initial, TimeSpan Maximum)
{
    /// <summary>0.1 s doubling to 30 s.</summary>
    public static SyslogBackoff Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

    /// <summary>The wait after <paramref name="failures"/> failed attempts in a row (at least 1).</summary>
    public TimeSpan After(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Initial.Ticks * (1L << exponent);
        return ticks <= 0 || ticks > Maximum.Ticks ? Maximum : TimeSpan.FromTicks(ticks);
    }
}
