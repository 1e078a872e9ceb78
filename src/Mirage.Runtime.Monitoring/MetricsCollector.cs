using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mirage.Runtime.Monitoring;

/// <summary>One meter's values at a moment: its instruments' fields.</summary>
public sealed record MeterSnapshot(string Meter, IReadOnlyList<MetricField> Fields);

/// <summary>
/// Listens to every <see cref="Meter"/> whose name passes <see cref="Includes"/> (the runtime's
/// <c>Mirage.*</c>, ASP.NET Core's servers, .NET's own <c>System.Runtime</c>...) and keeps, per
/// instrument, one number whatever the tags: counters and up-down counters their running sum,
/// gauges their last value, histograms their count and sum. Memory is bounded by the number of
/// instruments, not by the tag values seen.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Aggregate> _values = new();
    private readonly Func<string, bool> _includes;

    /// <summary>A collector of the meters <paramref name="includes"/> accepts (null: <see cref="Includes"/>).</summary>
    public MetricsCollector(Func<string, bool>? includes = null)
    {
        _includes = includes ?? Includes;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_includes(instrument.Meter.Name))
            {
                _values.TryAdd(instrument, new Aggregate(instrument));
                listener.EnableMeasurementEvents(instrument, _values[instrument]);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _values.TryRemove(instrument, out Aggregate? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<int>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<short>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<double>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: false));
        _listener.SetMeasurementEventCallback<float>(static (_, value, _, state) => ((Aggregate)state!).Record(value, integer: false));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, _, state) => ((Aggregate)state!).Record((double)value, integer: false));
        _listener.Start();
    }

    /// <summary>The default choice of meters: Mirage's, ASP.NET Core's, the .NET runtime's, System.Net's.</summary>
    public static bool Includes(string meter) =>
        meter.StartsWith("Mirage.", StringComparison.Ordinal)
        || meter.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
        || meter.StartsWith("System.Net.", StringComparison.Ordinal)
        || meter == "System.Runtime";

    /// <summary>Every meter's values now (observable instruments are asked now), by meter name.</summary>
    public IReadOnlyList<MeterSnapshot> Snapshot()
    {
        _listener.RecordObservableInstruments();
        return [.. _values
            .GroupBy(entry => entry.Key.Meter.Name, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new MeterSnapshot(
                group.Key,
                [.. group.OrderBy(entry => entry.Key.Name, StringComparer.Ordinal).SelectMany(entry => entry.Value.Fields())]))];
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private sealed class Aggregate(Instrument instrument)
    {
        private readonly Lock _lock = new();
        private readonly string _name = instrument.Name;

        // Observable instruments report their current totals; histograms, counters and up-down counters report increments.
        private readonly Kind _kind = instrument.GetType().Name switch
        {
            var n when n.StartsWith("Histogram", StringComparison.Ordinal) => Kind.Histogram,
            var n when n.StartsWith("Observable", StringComparison.Ordinal) || n.StartsWith("Gauge", StringComparison.Ordinal) => Kind.Last,
            _ => Kind.Sum,
        };
        private bool _integer = true;
        private bool _seen;
        private double _value;
        private long _count;
        private bool _observedThisRound;

        public void Record(double value, bool integer)
        {
            lock (_lock)
            {
                _integer &= integer;
                _seen = true;
                switch (_kind)
                {
                    case Kind.Last:
                        // An observable instrument may report several tag sets at once: their sum.
                        _value = _observedThisRound ? _value + value : value;
                        _observedThisRound = true;
                        break;
                    default:
                        _value += value;
                        _count++;
                        break;
                }
            }
        }

        public IEnumerable<MetricField> Fields()
        {
            lock (_lock)
            {
                _observedThisRound = false;
                return !_seen ? []
                    : _kind == Kind.Histogram
                    ? [new(_name + ".count", _count, true), new(_name + ".sum", _value, _integer)]
                    : [new(_name, _value, _integer)];
            }
        }
    }

    private enum Kind
    {
        Sum,
        Last,
        Histogram,
    }
}
