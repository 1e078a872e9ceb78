namespace Mirage.Runtime.Monitoring;

/// <summary>How an instrument's number reads: a total that only grows, a level, or a distribution.</summary>
public enum MetricKind
{
    /// <summary>A running total that never decreases (<c>Counter</c>, <c>ObservableCounter</c>).</summary>
    Counter,

    /// <summary>A level that goes up and down (up-down counters, gauges).</summary>
    Gauge,

    /// <summary>A distribution of measurements (<c>Histogram</c>): count, sum and buckets.</summary>
    Histogram,
}

/// <summary>One histogram bucket: how many measurements were at most <paramref name="UpperBound"/> (cumulative).</summary>
public readonly record struct HistogramBucket(double UpperBound, long Count);

/// <summary>
/// One instrument's value at a moment, summed over its tags: <see cref="Value"/> is a counter's
/// total, a gauge's level or a histogram's sum; a histogram also has <see cref="Count"/> and
/// cumulative <see cref="Buckets"/> (the last bound +∞, its count <see cref="Count"/>).
/// </summary>
public sealed record InstrumentValue(
    string Meter,
    string Name,
    string? Unit,
    string? Description,
    MetricKind Kind,
    bool IsInteger,
    double Value,
    long Count,
    IReadOnlyList<HistogramBucket> Buckets)
{
    /// <summary>Its line protocol fields: the value, or a histogram's <c>NAME.count</c> and <c>NAME.sum</c>.</summary>
    public IEnumerable<MetricField> Fields() =>
        Kind == MetricKind.Histogram
            ? [new(Name + ".count", Count, true), new(Name + ".sum", Value, IsInteger)]
            : [new(Name, Value, IsInteger)];
}
