using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Logging;

/// <summary>
/// Log thresholds per source, as given to mirage's <c>-l</c>/<c>--logs</c>: a comma-separated list of
/// <c>LEVEL</c> or <c>*:LEVEL</c> (every source) and <c>SRC:LEVEL</c> (one source), with LEVEL one of
/// <c>quiet</c>, <c>app</c>, <c>error</c>, <c>warning</c>, <c>info</c>, <c>debug</c>. A source's own
/// entry beats the every-source entry, and among entries for the same sources the later one wins.
/// </summary>
public sealed class LogThresholds : IEquatable<LogThresholds>
{
    private const string ExpectedForm =
        "expected a comma-separated list of LEVEL, *:LEVEL or SRC:LEVEL with LEVEL one of " + LogLevelNames.All;

    private readonly ReadOnlyCollection<LogThreshold> _entries;

    /// <summary>Thresholds made of <paramref name="entries"/>, in order.</summary>
    /// <exception cref="ArgumentException">A source name is empty, <c>*</c>, has surrounding spaces, or contains <c>,</c> or <c>:</c>.</exception>
    public LogThresholds(IEnumerable<LogThreshold> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        LogThreshold[] copy = [.. entries];
        foreach (var entry in copy)
        {
            if (entry.Source is { } source && !IsValidSourceName(source))
            {
                throw new ArgumentException(
                    $"'{source}' cannot be a log source name: it must be non-empty, not '*', without surrounding spaces, ',' or ':'.",
                    nameof(entries));
            }
        }

        _entries = Array.AsReadOnly(copy);
    }

    /// <summary>
    /// The runtime argument <c>-l</c>/<c>--logs</c> (docv <c>LEVEL</c>, default null: no per-source
    /// thresholds), as mirage gives every unikernel.
    /// </summary>
    public static ArgSpec<LogThresholds?> Argument { get; } = Arg.Custom<LogThresholds?>(
        ["l", "logs"],
        null,
        "Be more or less verbose. LEVEL is a comma-separated list of LEVEL (or *:LEVEL) for every log "
        + "source and SRC:LEVEL for the source SRC, with LEVEL one of quiet, app, error, warning, info or "
        + "debug; e.g. '*:info,tcp:debug' shows information from every source and debugging details "
        + "from tcp.",
        "LEVEL",
        TryParseArgument,
        static thresholds => thresholds?.ToString() ?? string.Empty);

    /// <summary>The entries, in the order given.</summary>
    public IReadOnlyList<LogThreshold> Entries => _entries;

    /// <summary>Reads thresholds in the <c>--logs</c> syntax.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not in that syntax; the message explains it.</exception>
    public static LogThresholds Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var thresholds, out var error)
            ? thresholds
            : throw new FormatException($"Invalid log thresholds '{text}': {error}.");
    }

    /// <summary>Reads thresholds in the <c>--logs</c> syntax, or says in <paramref name="error"/> why not.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out LogThresholds? thresholds,
        [NotNullWhen(false)] out string? error)
    {
        thresholds = null;
        if (text is null)
        {
            error = $"{ExpectedForm}; there is no text";
            return false;
        }

        var entries = new List<LogThreshold>();
        foreach (var part in text.Split(','))
        {
            if (!TryParseEntry(part.AsSpan().Trim(), out var entry, out error))
            {
                return false;
            }

            entries.Add(entry);
        }

        thresholds = new LogThresholds(entries);
        error = null;
        return true;
    }

    /// <summary>
    /// The threshold for <paramref name="source"/>: its last own entry, else the last every-source
    /// entry, else <paramref name="fallback"/>.
    /// </summary>
    public LogLevel? LevelFor(string source, LogLevel? fallback)
    {
        ArgumentNullException.ThrowIfNull(source);
        LogThreshold? everySource = null;
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            var entry = _entries[i];
            if (entry.Source == source)
            {
                return entry.Level;
            }

            everySource ??= entry.Source is null ? entry : null;
        }

        return everySource is { } found ? found.Level : fallback;
    }

    /// <summary>The thresholds in the <c>--logs</c> syntax, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() => string.Join(',', _entries);

    /// <summary>Whether both have the same entries in the same order.</summary>
    public bool Equals(LogThresholds? other) =>
        other is not null && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LogThresholds);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var entry in _entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    private static bool IsValidSourceName(string name) =>
        name.Length > 0
        && name != "*"
        && name.AsSpan().Trim().Length == name.Length
        && name.AsSpan().IndexOfAny(',', ':') < 0;

    private static bool TryParseEntry(
        ReadOnlySpan<char> text,
        out LogThreshold entry,
        [NotNullWhen(false)] out string? error)
    {
        entry = default;
        if (text.IsEmpty)
        {
            error = $"{ExpectedForm}; an entry is empty";
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon >= 0 && text[(colon + 1)..].Contains(':'))
        {
            error = $"{ExpectedForm}; '{text}' has more than one ':'";
            return false;
        }

        var source = colon < 0 ? "*" : text[..colon].Trim();
        var level = colon < 0 ? text : text[(colon + 1)..].Trim();
        if (source.IsEmpty)
        {
            error = $"{ExpectedForm}; '{text}' has no source before ':'";
            return false;
        }

        if (!LogLevelNames.TryParse(level, out var threshold))
        {
            error = $"{ExpectedForm}; '{level}' is not a level";
            return false;
        }

        entry = new LogThreshold(source is "*" ? null : source.ToString(), threshold);
        error = null;
        return true;
    }

    private static bool TryParseArgument(
        string text,
        [MaybeNullWhen(false)] out LogThresholds? thresholds,
        [NotNullWhen(false)] out string? error) =>
        TryParse(text, out thresholds, out error);
}
