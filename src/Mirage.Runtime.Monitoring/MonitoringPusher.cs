using System.Text;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Monitoring;

/// <summary>
/// Every <c>interval</c>, sends what <see cref="MetricsCollector"/> holds to a sink in InfluxDB line
/// protocol, one line per meter tagged <c>vm=HOSTNAME</c> (mirage-monitoring's <c>vmname</c>). A
/// round that cannot be sent is dropped and counted (the next one carries the running totals
/// anyway); the failure is logged once per outage, never blocking the unikernel.
/// </summary>
public sealed class MonitoringPusher(MetricsCollector collector, IMetricsSink sink, string hostname, TimeSpan interval, TimeProvider? time = null)
{
    /// <summary>The log source of the monitoring device.</summary>
    public const string Source = "mirage-monitoring";

    private static readonly LogSource Log = new(Source);
    private long _sent;
    private long _dropped;
    private bool _failing;

    /// <summary>What it sends (its switches are the <c>M</c> command's).</summary>
    public MetricsCollector Collector => collector;

    /// <summary>Rounds sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Rounds that could not be sent.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The lines of one round, with the time <paramref name="nowNs"/> (nanoseconds since the epoch).</summary>
    public string Lines(long nowNs)
    {
        var lines = new StringBuilder();
        var tags = new[] { KeyValuePair.Create("vm", hostname) };
        foreach (var meter in collector.Snapshot())
        {
            lines.Append(InfluxLine.Format(meter.Meter, tags, meter.Fields, nowNs));
        }
        return lines.ToString();
    }

    /// <summary>Sends one round now.</summary>
    public async Task PushAsync(CancellationToken cancellationToken)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var lines = Lines((now - DateTimeOffset.UnixEpoch).Ticks * 100);
        if (lines.Length == 0)
        {
            return;
        }
        if (await sink.SendAsync(lines, cancellationToken).ConfigureAwait(false) is { } error)
        {
            Interlocked.Increment(ref _dropped);
            if (!_failing)
            {
                Log.Error($"{sink.Describe}: {error}; metrics rounds are dropped (and counted) until it answers again");
                _failing = true;
            }
            return;
        }
        Interlocked.Increment(ref _sent);
        if (_failing)
        {
            Log.Warning($"{sink.Describe}: sending again; {Dropped} rounds dropped so far");
            _failing = false;
        }
    }

    /// <summary>Pushes a round every interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time ?? TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
