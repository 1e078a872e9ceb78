using System.Diagnostics.Metrics;

namespace Mirage.Runtime.Monitoring;

/// <summary>
/// The running value of one instrument for <see cref="MetricsCollector"/>, whatever the tags:
/// increments summed, observations of one round summed, histogram measurements counted into buckets.
/// </summary>
internal sealed class InstrumentAggregate
{
    /// <summary>Histogram bounds when the instrument gives no advice (OpenTelemetry's defaults).</summary>
    internal static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Lock _lock = new();
    private readonly Instrument _instrument;
    private readonly MetricKind _kind;

    // Observable instruments report their current totals; the others report increments.
    private readonly bool _observed;
    private readonly double[] _bounds;
    private readonly long[] _bucketCounts;
    private bool _integer = true;
    private bool _seen;
    private double _value;
    private long _count;
    private bool _observedThisRound;

    public InstrumentAggregate(Instrument instrument)
    {
        _instrument = instrument;
        var type = instrument.GetType().Name;
        _observed = type.StartsWith("Observable", StringComparison.Ordinal) || type.StartsWith("Gauge", StringComparison.Ordinal);
        _kind = type.StartsWith("Histogram", StringComparison.Ordinal) ? MetricKind.Histogram
            : type.StartsWith("Counter", StringComparison.Ordinal) || type.StartsWith("ObservableCounter", StringComparison.Ordinal) ? MetricKind.Counter
            : MetricKind.Gauge;
        _bounds = _kind == MetricKind.Histogram ? AdvisedBounds(instrument) ?? DefaultBounds : [];
        _bucketCounts = new long[_bounds.Length + 1];
    }

    public void Record(double value, bool integer)
    {
        lock (_lock)
        {
            _integer &= integer;
            _seen = true;
            if (_observed)
            {
                // An observable instrument may report several tag sets at once: their sum.
                _value = _observedThisRound ? _value + value : value;
                _observedThisRound = true;
                return;
            }
            _value += value;
            _count++;
            if (_kind == MetricKind.Histogram)
            {
                // Prometheus buckets are "less than or equal": the first bound not below the value.
                var index = Array.BinarySearch(_bounds, value);
                _bucketCounts[index >= 0 ? index : ~index]++;
            }
        }
    }

    /// <summary>The value now; null when nothing was measured yet.</summary>
    public InstrumentValue? Value()
    {
        lock (_lock)
        {
            _observedThisRound = false;
            if (!_seen)
            {
                return null;
            }
            var buckets = new HistogramBucket[_kind == MetricKind.Histogram ? _bucketCounts.Length : 0];
            long cumulative = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                cumulative += _bucketCounts[i];
                buckets[i] = new(i < _bounds.Length ? _bounds[i] : double.PositiveInfinity, cumulative);
            }
            return new(_instrument.Meter.Name, _instrument.Name, _instrument.Unit, _instrument.Description, _kind, _integer, _value, _count, buckets);
        }
    }

    private static double[]? AdvisedBounds(Instrument instrument)
    {
        double[]? bounds = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        // Advice is sorted by contract; keep only finite, strictly increasing bounds to be safe.
        return bounds is { Length: > 0 } ? [.. bounds.Where(double.IsFinite).Distinct().Order()] : null;
    }
}
