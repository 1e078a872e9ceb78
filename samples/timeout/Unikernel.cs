using Mirage.Runtime;
using Mirage.Runtime.Entropy;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Unikernel;

/// <summary>
/// Races a task against a two-second timeout: the task sleeps <c>--delay</c> milliseconds (or a
/// random time below three seconds) and returns "Heads"; whichever ends first wins and the loser
/// is cancelled, as Lwt's <c>pick</c> does.
/// </summary>
public sealed class Timeout(ISleep sleep, IRandom random, int delay) : IJob
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var milliseconds = delay >= 0 ? delay : DrawBelow(3000);
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = Heads(TimeSpan.FromMilliseconds(milliseconds), race.Token);
        var timeout = sleep.SleepAsync(Limit, race.Token).AsTask();
        var first = await Task.WhenAny(task, timeout);
        // The loser is cancelled, as Lwt.pick cancels it.
        await race.CancelAsync();
        if (first == task)
        {
            var value = await task;
            Log.Info($"Returned \"{value}\"");
        }
        else
        {
            await timeout;
            Log.Info("Cancelled");
        }
    }

    private async Task<string> Heads(TimeSpan duration, CancellationToken cancellationToken)
    {
        await sleep.SleepAsync(duration, cancellationToken);
        return "Heads";
    }

    // An unbiased draw in [0, bound): rejection sampling over 32-bit words.
    private int DrawBelow(int bound)
    {
        Span<byte> bytes = stackalloc byte[4];
        var limit = uint.MaxValue - (uint.MaxValue % (uint)bound);
        uint word;
        do
        {
            random.Fill(bytes);
            word = BitConverter.ToUInt32(bytes);
        }
        while (word >= limit);
        return (int)(word % (uint)bound);
    }
}
