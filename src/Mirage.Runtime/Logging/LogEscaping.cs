using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mirage.Runtime.Logging;

/// <summary>
/// Makes text safe to put in a log line, for every reporter: a control character (C0, DEL, C1) or a
/// Unicode line or paragraph separator would let a message start a forged line or send escape
/// sequences to a terminal, so each is written as an escape: <c>\n</c>, <c>\r</c>, <c>\t</c>,
/// <c>\x1b</c>, <c>\u2028</c>. Everything else, backslashes included, is left as it is, so an
/// ordinary message reads the same.
/// </summary>
public static class LogEscaping
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Range('\0', '\x1f'), .. Range('\x7f', '\x9f'), '\u2028', '\u2029']);

    /// <summary><paramref name="text"/> with its unsafe characters escaped; the same string when it has none.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                escaped.Append(c);
                continue;
            }
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                < '\u0100' => escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            };
        }
        return escaped.ToString();
    }

    private static IEnumerable<char> Range(char first, char last)
    {
        for (var c = first; c <= last; c++)
        {
            yield return c;
        }
    }
}
