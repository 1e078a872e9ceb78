using System.Globalization;
using System.Text;

namespace Mirage.Runtime.Monitoring;

/// <summary>One field of a line: an integer (a counter) or a float (a gauge, a sum of durations), kept apart because InfluxDB fixes a field's type.</summary>
public readonly record struct MetricField(string Name, double Value, bool IsInteger);

/// <summary>
/// InfluxDB line protocol, pure: <c>measurement,tag=v field=1i,other=2.5 TIMESTAMP</c>, with the
/// protocol's escaping (commas and spaces in measurements; commas, equals signs and spaces in tag
/// keys, tag values and field keys; quotes and backslashes in string fields). Line breaks cannot
/// be escaped in the protocol, so they become spaces: a name can never start a forged line.
/// </summary>
public static class InfluxLine
{
    /// <summary>
    /// One line (with its <c>\n</c>) of <paramref name="fields"/>, integers written <c>1i</c>, tagged with <paramref name="tags"/>, at <paramref name="time"/> (nanoseconds since
    /// the epoch; null: the receiver's time). Null when there is no field (the protocol needs one).
    /// </summary>
    public static string? Format(
        string measurement,
        IEnumerable<KeyValuePair<string, string>> tags,
        IEnumerable<MetricField> fields,
        long? time = null)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var line = new StringBuilder();
        Escape(line, measurement, ", ");
        foreach (var (key, value) in tags.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Escape(line.Append(','), key, ",= ");
            Escape(line.Append('='), value, ",= ");
        }
        var first = true;
        foreach (var (key, value, isInteger) in fields)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }
            Escape(line.Append(first ? ' ' : ','), key, ",= ");
            line.Append('=');
            if (isInteger && Math.Abs(value) < 9e18)
            {
                line.Append(((long)value).ToString(CultureInfo.InvariantCulture)).Append('i');
            }
            else
            {
                line.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            first = false;
        }
        if (first)
        {
            return null;
        }
        if (time is { } t)
        {
            line.Append(' ').Append(t.ToString(CultureInfo.InvariantCulture));
        }
        return line.Append('\n').ToString();
    }

    private static void Escape(StringBuilder line, string text, string special)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                line.Append("\\ ");
                continue;
            }
            if (special.Contains(c) || c == '\\')
            {
                line.Append('\\');
            }
            line.Append(c);
        }
    }
}
