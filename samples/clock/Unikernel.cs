using System.Globalization;
using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Unikernel;

/// <summary>
/// Every second, says how many nanoseconds the monotonic clock counted and what time the POSIX
/// clock tells, in its time zone; <c>--ticks</c> times.
/// </summary>
public sealed class SpeakingClock(IPClock ptime, IMClock mtime, ISleep sleep, int ticks) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < ticks; i++)
        {
            var now = PClockTime.ToDateTimeOffset(ptime.NowDPs());
            var offset = TimeSpan.FromSeconds(ptime.CurrentTzOffsetSeconds() ?? 0);
            var local = now.ToOffset(offset).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            Log.App($"{mtime.ElapsedNs()} nanoseconds have elapsed.");
            Log.App($"At the stroke, the time will be {local} \a *BEEP*");
            await sleep.SleepAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
