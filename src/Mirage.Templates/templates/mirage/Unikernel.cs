using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Unikernel;

/// <summary>Logs "hello" four times, sleeping one second after each line.</summary>
public sealed class Hello(ISleep sleep) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 4; i++)
        {
            Log.Info("hello");
            await sleep.SleepAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
