namespace Mirage.Runtime;

/// <summary>Ready-made jobs.</summary>
public static class Job
{
    /// <summary>A job that completes at once: upstream's <c>noop</c>.</summary>
    public static IJob Noop { get; } = new DelegateJob(static _ => Task.CompletedTask);

    /// <summary>A job that runs <paramref name="start"/>.</summary>
    public static IJob Create(Func<CancellationToken, Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new DelegateJob(start);
    }

    private sealed class DelegateJob(Func<CancellationToken, Task> start) : IJob
    {
        public Task StartAsync(CancellationToken cancellationToken) => start(cancellationToken);
    }
}
