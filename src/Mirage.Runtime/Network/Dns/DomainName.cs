using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// A domain name: a sequence of labels of 1 to 63 octets, at most 255 octets on the wire (RFC 1035
/// 2.3.4). Labels keep their case; comparison ignores ASCII case (RFC 4343). The root is the name
/// with no labels. Octets outside printable ASCII are held as the chars U+0000..U+00FF.
/// </summary>
public sealed class DomainName : IEquatable<DomainName>
{
    /// <summary>The longest label, in octets.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The longest name on the wire, in octets (length bytes and the final zero included).</summary>
    public const int MaxWireLength = 255;

    private readonly string[] _labels;

    private DomainName(string[] labels) => _labels = labels;

    /// <summary>The root name, <c>.</c>.</summary>
    public static DomainName Root { get; } = new([]);

    /// <summary>The labels, leftmost first.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The octets the name takes on the wire, uncompressed.</summary>
    public int WireLength => WireLengthOf(_labels);

    /// <summary>
    /// Reads a name written with dots (<c>www.example.org</c>, a trailing dot allowed). Names are
    /// ASCII: an internationalized name must be given in its <c>xn--</c> form.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DomainName? name, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        name = null;
        if (text is "." or "")
        {
            error = text.Length == 0 ? "an empty domain name" : null;
            name = error is null ? Root : null;
            return error is null;
        }
        var body = text.EndsWith('.') ? text[..^1] : text;
        var labels = body.Split('.');
        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                error = $"'{text}' has an empty label";
                return false;
            }
            if (label.Length > MaxLabelLength)
            {
                error = $"'{text}' has a label of {label.Length} characters; at most {MaxLabelLength} are allowed";
                return false;
            }
            foreach (var c in label)
            {
                if (c <= ' ' || c > '~')
                {
                    error = $"'{text}' has the character U+{(int)c:X4}; a domain name is printable ASCII (use the xn-- form of an internationalized name)";
                    return false;
                }
            }
        }
        if (WireLengthOf(labels) > MaxWireLength)
        {
            error = $"'{text}' is longer than {MaxWireLength} octets";
            return false;
        }
        name = new DomainName(labels);
        error = null;
        return true;
    }

    /// <summary>Reads a name written with dots.</summary>
    /// <exception cref="FormatException">The text is no domain name.</exception>
    public static DomainName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name : throw new FormatException(error);

    /// <summary>A name from labels already checked for length (the decoder's way in).</summary>
    internal static DomainName FromCheckedLabels(string[] labels) => labels.Length == 0 ? Root : new DomainName(labels);

    /// <summary>Whether this name is <paramref name="domain"/> or below it.</summary>
    public bool IsSubdomainOf(DomainName domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain._labels.Length > _labels.Length)
        {
            return false;
        }
        var offset = _labels.Length - domain._labels.Length;
        for (var i = 0; i < domain._labels.Length; i++)
        {
            if (!LabelEquals(_labels[offset + i], domain._labels[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The name without its leftmost <paramref name="count"/> labels.</summary>
    internal DomainName Suffix(int count) => count == 0 ? this : FromCheckedLabels(_labels[count..]);

    /// <inheritdoc/>
    public bool Equals(DomainName? other)
    {
        if (other is null || other._labels.Length != _labels.Length)
        {
            return false;
        }
        for (var i = 0; i < _labels.Length; i++)
        {
            if (!LabelEquals(_labels[i], other._labels[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DomainName);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in _labels)
        {
            foreach (var c in label)
            {
                hash.Add(AsciiLower(c));
            }
            hash.Add('.');
        }
        return hash.ToHashCode();
    }

    /// <summary>The name with dots and no trailing dot (<c>.</c> for the root); odd octets as <c>\DDD</c>.</summary>
    public override string ToString()
    {
        if (_labels.Length == 0)
        {
            return ".";
        }
        var text = new StringBuilder();
        foreach (var label in _labels)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }
            foreach (var c in label)
            {
                if (c is '.' or '\\')
                {
                    text.Append('\\').Append(c);
                }
                else if (c <= ' ' || c > '~')
                {
                    text.Append('\\').Append(((int)c).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(c);
                }
            }
        }
        return text.ToString();
    }

    internal static bool LabelEquals(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length; i++)
        {
            if (AsciiLower(a[i]) != AsciiLower(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static char AsciiLower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    private static int WireLengthOf(string[] labels)
    {
        var length = 1;
        foreach (var label in labels)
        {
            length += 1 + label.Length;
        }
        return length;
    }
}
