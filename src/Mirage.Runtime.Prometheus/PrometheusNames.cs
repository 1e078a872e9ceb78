using System.Text;
using Mirage.Runtime.Monitoring;

namespace Mirage.Runtime.Prometheus;

/// <summary>
/// Prometheus names of .NET instruments, pure, following OpenTelemetry's conventions: every
/// character outside <c>[a-zA-Z0-9_:]</c> becomes <c>_</c> (<c>mirage.dns.queries</c> is
/// <c>mirage_dns_queries</c>), a leading digit gets a <c>_</c> before it, the unit is a suffix
/// (<c>s</c>: <c>_seconds</c>, <c>By</c>: <c>_bytes</c>; annotations such as <c>{request}</c> none),
/// and counters end in <c>_total</c>. A gauge whose name would end like a histogram's series
/// (<c>dotnet.assembly.count</c>) gets <c>_value</c> after it, so that no reader takes it for one.
/// </summary>
public static class PrometheusNames
{
    private static readonly string[] HistogramSuffixes = ["_count", "_sum", "_bucket"];

    /// <summary>The metric family's name of instrument <paramref name="name"/> of <paramref name="kind"/> measured in <paramref name="unit"/>.</summary>
    public static string Metric(string name, string? unit, MetricKind kind)
    {
        var metric = Sanitize(name);
        if (UnitSuffix(unit) is { } suffix && !metric.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            metric += "_" + suffix;
        }
        if (kind == MetricKind.Counter && !metric.EndsWith("_total", StringComparison.Ordinal))
        {
            metric += "_total";
        }
        if (kind == MetricKind.Gauge && HistogramSuffixes.Any(s => metric.EndsWith(s, StringComparison.Ordinal)))
        {
            metric += "_value";
        }
        return metric;
    }

    /// <summary><paramref name="name"/> with only <c>[a-zA-Z0-9_:]</c>, not starting with a digit, never empty.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }
        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }
        return text.ToString();
    }

    // UCUM units as .NET's and OpenTelemetry's instruments write them.
    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit),
    };
}
