using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A key of a key/value store (upstream's <c>Mirage_kv.Key</c>): a path of segments, written with
/// <c>/</c>. <c>"a/b"</c>, <c>"/a/b"</c> and <c>"a//b/"</c> are the same key; <see cref="Empty"/>
/// (<c>"/"</c>) is the top-level dictionary. A segment is never empty, <c>.</c> or <c>..</c> and
/// holds no NUL, so no key names anything outside its store.
/// </summary>
public readonly struct Key : IEquatable<Key>, IComparable<Key>
{
    private readonly string[]? _segments;

    private Key(string[] segments) => _segments = segments;

    /// <summary>The top-level dictionary, <c>/</c>.</summary>
    public static Key Empty => default;

    /// <summary>The segments, from the top.</summary>
    public IReadOnlyList<string> Segments => _segments ?? [];

    /// <summary>True for <see cref="Empty"/>.</summary>
    public bool IsEmpty => _segments is null || _segments.Length == 0;

    /// <summary>The last segment; <c>""</c> for <see cref="Empty"/>.</summary>
    public string Basename => IsEmpty ? "" : _segments![^1];

    /// <summary>The key without its last segment; <see cref="Empty"/> for <see cref="Empty"/>.</summary>
    public Key Parent => IsEmpty ? this : new Key(_segments![..^1]);

    /// <summary>
    /// Reads a key from <paramref name="text"/>; false, with what is wrong in <paramref name="error"/>,
    /// when a segment is <c>.</c> or <c>..</c> or holds a NUL.
    /// </summary>
    public static bool TryParse(string text, out Key key, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (CheckSegment(segment) is { } problem)
            {
                key = default;
                error = $"invalid key '{text}': {problem}";
                return false;
            }
        }
        key = new Key(segments);
        error = null;
        return true;
    }

    /// <summary>Reads a key (see <see cref="TryParse"/>).</summary>
    /// <exception cref="ArgumentException">The text is not a valid key: a bug in the caller.</exception>
    public static Key Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new ArgumentException(error, nameof(text));

    /// <summary>The key <c>this/segment</c> (upstream's <c>Key.add</c>).</summary>
    /// <exception cref="ArgumentException">The segment is empty, <c>.</c>, <c>..</c>, or holds <c>/</c> or NUL.</exception>
    public Key Add(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if ((segment.Contains('/') ? "it contains '/'" : CheckSegment(segment)) is { } problem)
        {
            throw new ArgumentException($"invalid key segment '{segment}': {problem}", nameof(segment));
        }
        return new Key([.. Segments, segment]);
    }

    /// <summary><c>key / segment</c> is <see cref="Add"/>.</summary>
    public static Key operator /(Key key, string segment) => key.Add(segment);

    /// <summary>The key <c>this/other</c> (upstream's <c>Key.append</c>).</summary>
    public Key Append(Key other) => other.IsEmpty ? this : new Key([.. Segments, .. other.Segments]);

    /// <summary>True when this key is <paramref name="other"/> or a dictionary above it.</summary>
    public bool IsPrefixOf(Key other)
    {
        var mine = Segments;
        var theirs = other.Segments;
        if (mine.Count > theirs.Count)
        {
            return false;
        }
        for (var i = 0; i < mine.Count; i++)
        {
            if (mine[i] != theirs[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The key as a path from the top: <c>/a/b</c>, and <c>/</c> for <see cref="Empty"/>.</summary>
    public override string ToString() => "/" + string.Join('/', Segments);

    /// <inheritdoc/>
    public bool Equals(Key other) => Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Key other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    /// <summary>Orders keys segment by segment (ordinal), a dictionary before what it holds.</summary>
    public int CompareTo(Key other)
    {
        var a = Segments;
        var b = other.Segments;
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Equality of segments.</summary>
    public static bool operator ==(Key left, Key right) => left.Equals(right);

    /// <summary>Inequality of segments.</summary>
    public static bool operator !=(Key left, Key right) => !left.Equals(right);

    private static string? CheckSegment(string segment) => segment switch
    {
        "" => "a segment is empty",
        "." or ".." => $"a segment is '{segment}'",
        _ when segment.Contains('\0') => "a segment contains NUL",
        _ => null,
    };
}
