using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Unikernel;

/// <summary>
/// Starts two sleeps at once and logs as each ends, then waits for both: the whole takes two
/// seconds, not three (Lwt's <c>join</c> is <see cref="Task.WhenAll(Task[])"/>).
/// </summary>
public sealed class Heads(ISleep sleep) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var heads = After(TimeSpan.FromSeconds(1), "Heads", cancellationToken);
        var tails = After(TimeSpan.FromSeconds(2), "Tails", cancellationToken);
        await Task.WhenAll(heads, tails);
        Log.Info("Finished");
    }

    private async Task After(TimeSpan delay, string message, CancellationToken cancellationToken)
    {
        await sleep.SleepAsync(delay, cancellationToken);
        Log.Info(message);
    }
}
