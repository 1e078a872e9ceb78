using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Unikernel;

/// <summary>
/// Logs the runtime argument <c>--hello</c> four times, one second apart. Runtime arguments
/// declared in config.fsx arrive as constructor parameters of the same name.
/// </summary>
public sealed class Hello(ISleep sleep, string hello) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 4; i++)
        {
            Log.Info(hello);
            await sleep.SleepAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
