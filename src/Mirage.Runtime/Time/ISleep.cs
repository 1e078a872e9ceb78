namespace Mirage.Runtime.Time;

/// <summary>Waiting for a duration: the <c>sleep</c> module type.</summary>
public interface ISleep
{
    /// <summary>
    /// Completes after <paramref name="duration"/> (at once when it is zero or negative), or is
    /// cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    ValueTask SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="SleepAsync"/>, with the duration in nanoseconds: upstream's <c>ns</c>.</summary>
    ValueTask SleepNsAsync(long ns, CancellationToken cancellationToken = default);
}
