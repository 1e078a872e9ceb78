using Mirage.Engine.CodeGen;
using System.Globalization;

namespace Mirage.Devices.Conversion;

/// <summary>The converters of the values that keys and runtime arguments can hold.</summary>
public static class Converters
{
    /// <summary>Any string, as written.</summary>
    public static readonly Converter<string> String = new(
        "STRING", "string", text => (text, null), value => value, CSharpLiteral.String);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static readonly Converter<bool> Bool = new(
        "BOOL",
        "bool",
        text => text switch
        {
            "true" => (true, null),
            "false" => (false, null),
            _ => (false, $"invalid value '{text}', expected either 'true' or 'false'"),
        },
        CSharpLiteral.Bool,
        CSharpLiteral.Bool);

    /// <summary>A 32-bit integer in decimal.</summary>
    public static readonly Converter<int> Int = new(
        "INT",
        "int",
        text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (0, $"invalid value '{text}', expected an integer"),
        value => value.ToString(CultureInfo.InvariantCulture),
        CSharpLiteral.Int);

    /// <summary>A 64-bit integer in decimal.</summary>
    public static readonly Converter<long> Int64 = new(
        "INT64",
        "long",
        text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (0L, $"invalid value '{text}', expected a 64-bit integer"),
        value => value.ToString(CultureInfo.InvariantCulture),
        CSharpLiteral.Int64);

    /// <summary>A double-precision number, printed so that it reads back exactly (<c>R</c>).</summary>
    public static readonly Converter<double> Float = new(
        "FLOAT",
        "double",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (0.0, $"invalid value '{text}', expected a floating point number"),
        value => value.ToString("R", CultureInfo.InvariantCulture),
        CSharpLiteral.Float);

    /// <summary>
    /// One of a fixed set of named values (upstream's <c>Arg.enum</c>). The values are written to C#
    /// as their names (a <c>string</c>).
    /// </summary>
    /// <param name="cases">Each name and its value; names must be distinct.</param>
    public static Converter<T> Enum<T>(IEnumerable<(string Name, T Value)> cases)
    {
        var list = cases.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("an enumeration needs at least one case", nameof(cases));
        }
        if (list.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"the enumeration names '{duplicate.Key}' twice", nameof(cases));
        }
        var names = string.Join("|", list.Select(c => c.Name));
        string NameOf(T value) =>
            list.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name
            ?? throw new ArgumentException($"{value} is not one of {names}", nameof(value));
        return new Converter<T>(
            names,
            "string",
            text => list.FindIndex(c => c.Name == text) is var i and >= 0
                ? (list[i].Value, null)
                : (default, $"invalid value '{text}', expected one of {names}"),
            NameOf,
            value => CSharpLiteral.String(NameOf(value)));
    }
}
