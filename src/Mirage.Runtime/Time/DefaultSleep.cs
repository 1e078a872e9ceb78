namespace Mirage.Runtime.Time;

/// <summary>Sleep on a <see cref="TimeProvider"/>'s timers (<see cref="TimeProvider.System"/> by default).</summary>
public sealed class DefaultSleep : ISleep
{
    // The longest single timer a TimeProvider accepts (uint.MaxValue - 1 ms, about 49.7 days);
    // longer sleeps wait in several such steps.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly TimeProvider _timeProvider;

    /// <summary>A sleep device whose timers come from <paramref name="timeProvider"/>.</summary>
    public DefaultSleep(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The default sleep device, on <see cref="TimeProvider.System"/>.</summary>
    public static ISleep Connect() => new DefaultSleep(TimeProvider.System);

    /// <inheritdoc />
    /// <remarks>Timers count whole milliseconds, so the duration is rounded up to one.</remarks>
    public ValueTask SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero)
        {
            return cancellationToken.IsCancellationRequested
                ? ValueTask.FromCanceled(cancellationToken)
                : ValueTask.CompletedTask;
        }

        // Task.Delay truncates to whole milliseconds (a 0.5 ms delay would end at once): round up,
        // so that a sleep never ends before its time.
        var remainder = duration.Ticks % TimeSpan.TicksPerMillisecond;
        if (remainder != 0)
        {
            duration = duration > TimeSpan.MaxValue - TimeSpan.FromMilliseconds(1)
                ? TimeSpan.MaxValue
                : duration + TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - remainder);
        }

        return duration <= LongestTimer
            ? new ValueTask(Task.Delay(duration, _timeProvider, cancellationToken))
            : SleepInStepsAsync(duration, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SleepNsAsync(long ns, CancellationToken cancellationToken = default)
    {
        // Round up to whole ticks, as SleepAsync rounds up to whole milliseconds.
        var ticks = ns <= 0 ? 0 : (ns / 100) + (ns % 100 == 0 ? 0 : 1);
        return SleepAsync(TimeSpan.FromTicks(ticks), cancellationToken);
    }

    private async ValueTask SleepInStepsAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        while (duration > TimeSpan.Zero)
        {
            var step = duration < LongestTimer ? duration : LongestTimer;
            await Task.Delay(step, _timeProvider, cancellationToken).ConfigureAwait(false);
            duration -= step;
        }
    }
}
