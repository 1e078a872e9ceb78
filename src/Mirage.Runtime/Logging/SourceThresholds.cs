namespace Mirage.Runtime.Logging;

/// <summary>
/// <see cref="LogThresholds"/> resolved once into a lookup, so that a reporter answers
/// "is this level enabled for this source" with at most one dictionary probe.
/// </summary>
internal sealed class SourceThresholds
{
    private readonly LogLevel? _everySource;
    private readonly Dictionary<string, LogLevel?>? _bySource;

    /// <summary>Thresholds that are <paramref name="level"/> for every source, except where <paramref name="logs"/> says otherwise.</summary>
    public SourceThresholds(LogLevel? level, LogThresholds? logs)
    {
        _everySource = level;
        foreach (var entry in logs?.Entries ?? [])
        {
            if (entry.Source is null)
            {
                _everySource = entry.Level;
            }
            else
            {
                (_bySource ??= new Dictionary<string, LogLevel?>(StringComparer.Ordinal))[entry.Source] = entry.Level;
            }
        }
    }

    /// <summary>The threshold of <paramref name="source"/> (null: quiet).</summary>
    public LogLevel? For(string source) =>
        _bySource is not null && _bySource.TryGetValue(source, out var level) ? level : _everySource;

    /// <summary>The default and the per-source thresholds, as <c>-l</c> writes them.</summary>
    public LogThresholds ToThresholds() =>
        new([new LogThreshold(null, _everySource), .. (_bySource ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new LogThreshold(e.Key, e.Value))]);

    /// <summary>These thresholds changed by <paramref name="logs"/>, over the same default.</summary>
    public SourceThresholds With(LogThresholds logs) => new(_everySource, logs);

    /// <summary>Whether <paramref name="level"/> is shown for <paramref name="source"/>.</summary>
    public bool IsEnabled(string source, LogLevel level) => For(source) is { } threshold && level <= threshold;
}
