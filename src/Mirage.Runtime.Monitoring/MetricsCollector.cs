using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mirage.Runtime.Monitoring;

/// <summary>One meter's values at a moment: its instruments' fields.</summary>
public sealed record MeterSnapshot(string Meter, IReadOnlyList<MetricField> Fields);

/// <summary>
/// Listens to every <see cref="Meter"/> whose name passes <see cref="Includes"/> (the runtime's
/// <c>Mirage.*</c>, ASP.NET Core's servers, .NET's own <c>System.Runtime</c>...) and keeps, per
/// instrument, one number whatever the tags: counters and up-down counters their running sum,
/// gauges their last value, histograms their count, sum and bucket counts. Memory is bounded by the
/// number of instruments, not by the tag values seen.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _values = new();
    private readonly Func<string, bool> _includes;

    /// <summary>A collector of the meters <paramref name="includes"/> accepts (null: <see cref="Includes"/>).</summary>
    public MetricsCollector(Func<string, bool>? includes = null)
    {
        _includes = includes ?? Includes;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_includes(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument, _values.GetOrAdd(instrument, static i => new InstrumentAggregate(i)));
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _values.TryRemove(instrument, out InstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<int>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<short>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: true));
        _listener.SetMeasurementEventCallback<double>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: false));
        _listener.SetMeasurementEventCallback<float>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record(value, integer: false));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, _, state) => ((InstrumentAggregate)state!).Record((double)value, integer: false));
        _listener.Start();
    }

    /// <summary>The default choice of meters: Mirage's, ASP.NET Core's, the .NET runtime's, System.Net's.</summary>
    public static bool Includes(string meter) =>
        meter.StartsWith("Mirage.", StringComparison.Ordinal)
        || meter.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
        || meter.StartsWith("System.Net.", StringComparison.Ordinal)
        || meter == "System.Runtime";

    /// <summary>Which meters <see cref="Instruments"/> and <see cref="Snapshot"/> report (the <c>M</c> command's switches).</summary>
    public MeterSwitches Switches { get; } = new();

    /// <summary>The names of the meters listened to, sorted (the sources the <c>m</c> command knows).</summary>
    public IReadOnlyList<string> Meters() =>
        [.. _values.Keys.Select(instrument => instrument.Meter.Name).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every instrument of a meter switched on that has measured something, with its value now
    /// (observable instruments are asked now), ordered by meter then instrument name.
    /// </summary>
    public IReadOnlyList<InstrumentValue> Instruments()
    {
        _listener.RecordObservableInstruments();
        return [.. _values.Values
            .Select(aggregate => aggregate.Value())
            .OfType<InstrumentValue>()
            .Where(value => Switches.IsEnabled(value.Meter))
            .OrderBy(value => value.Meter, StringComparer.Ordinal)
            .ThenBy(value => value.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every meter's values now (observable instruments are asked now), by meter name.</summary>
    public IReadOnlyList<MeterSnapshot> Snapshot() =>
        [.. Instruments()
            .GroupBy(value => value.Meter, StringComparer.Ordinal)
            .Select(group => new MeterSnapshot(group.Key, [.. group.SelectMany(value => value.Fields())]))];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
