using System.Globalization;
using System.Text;
using Mirage.Runtime.Monitoring;

namespace Mirage.Runtime.Prometheus;

/// <summary>
/// The Prometheus text exposition format 0.0.4, pure: per metric family a <c># HELP</c> and a
/// <c># TYPE</c> line, then its samples; a histogram as cumulative <c>NAME_bucket{le="…"}</c> lines
/// ending with <c>le="+Inf"</c>, then <c>NAME_sum</c> and <c>NAME_count</c>. Instruments of several
/// meters that end up with one name are one family: counters and gauges added up, a histogram
/// kept from the first meter only (buckets of different bounds cannot be added).
/// </summary>
public static class PrometheusText
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The exposition of <paramref name="instruments"/>, families sorted by name.</summary>
    public static string Format(IEnumerable<InstrumentValue> instruments)
    {
        var text = new StringBuilder();
        foreach (var family in instruments
            .GroupBy(i => PrometheusNames.Metric(i.Name, i.Unit, i.Kind), StringComparer.Ordinal)
            .OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var first = family.First();
            var help = string.IsNullOrEmpty(first.Description) ? $"{first.Name} ({first.Meter})" : first.Description;
            text.Append("# HELP ").Append(family.Key).Append(' ').Append(EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');
            if (first.Kind == MetricKind.Histogram)
            {
                foreach (var bucket in first.Buckets)
                {
                    Sample(text, family.Key + "_bucket", $"{{le=\"{Number(bucket.UpperBound)}\"}}", bucket.Count);
                }
                Sample(text, family.Key + "_sum", "", first.Value);
                Sample(text, family.Key + "_count", "", first.Count);
            }
            else
            {
                // A counter and a gauge of one name are two types: the first meter's wins.
                Sample(text, family.Key, "", family.Where(i => i.Kind == first.Kind).Sum(i => i.Value));
            }
        }
        return text.ToString();
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');

    /// <summary>A sample value or bound as the format writes them: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, else round-trip decimal.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // HELP text may hold anything but a raw line break; backslashes escaped first.
    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
