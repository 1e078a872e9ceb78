using System.Globalization;
using System.Text;

namespace Mirage.Engine.CodeGen;

/// <summary>
/// C# source literals for values a configuration hands to generated code. Each literal, compiled,
/// has exactly the value it was made from.
/// </summary>
public static class CSharpLiteral
{
    /// <summary>
    /// A regular string literal. Quotes, backslashes, control and line-separator characters, and
    /// unpaired surrogates (which UTF-8 source cannot hold) are escaped; everything else is kept.
    /// </summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A decimal <c>int</c> literal (negative values get a unary minus, as C# has no negative literals).</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal <c>long</c> literal with the <c>L</c> suffix.</summary>
    public static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>
    /// A <c>double</c> literal that round-trips (invariant culture, format <c>R</c>), always of type
    /// double (<c>1.0</c>, not <c>1</c>); NaN and the infinities are the <c>System.Double</c> constants.
    /// </summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "global::System.Double.NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "global::System.Double.PositiveInfinity" : "global::System.Double.NegativeInfinity";
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
