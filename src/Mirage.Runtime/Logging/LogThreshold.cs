namespace Mirage.Runtime.Logging;

/// <summary>One entry of <see cref="LogThresholds"/>: a threshold for one source, or for every source.</summary>
/// <param name="Source">The source the entry is for; null for every source (<c>*</c>).</param>
/// <param name="Level">The threshold; null is quiet.</param>
public readonly record struct LogThreshold(string? Source, LogLevel? Level)
{
    /// <summary>The entry as written on the command line: <c>info</c> (every source) or <c>tcp:debug</c>.</summary>
    public override string ToString() =>
        Source is null ? LogLevelNames.Name(Level) : $"{Source}:{LogLevelNames.Name(Level)}";
}
