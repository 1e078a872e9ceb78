using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// The syslog reporters' counters through <see cref="System.Diagnostics.Metrics"/> (meter
/// <c>Mirage.Syslog</c>): messages sent and dropped, summed over the live reporters.
/// </summary>
internal static class SyslogMetrics
{
    private static readonly ConcurrentDictionary<SyslogReporter, byte> Reporters = new();
    private static readonly Meter Meter = new("Mirage.Syslog");

    static SyslogMetrics()
    {
        Meter.CreateObservableCounter("mirage.syslog.sent", () => Reporters.Keys.Sum(r => r.Sent), "{message}", "Syslog messages sent to the collector.");
        Meter.CreateObservableCounter("mirage.syslog.dropped", () => Reporters.Keys.Sum(r => r.Dropped), "{message}", "Syslog messages dropped because the buffer was full.");
    }

    public static void Track(SyslogReporter reporter) => Reporters.TryAdd(reporter, 0);

    public static void Untrack(SyslogReporter reporter) => Reporters.TryRemove(reporter, out _);
}
