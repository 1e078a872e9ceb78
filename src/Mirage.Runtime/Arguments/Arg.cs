using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mirage.Runtime.Arguments;

/// <summary>
/// Declarations of runtime arguments, as upstream's <c>Mirage_runtime</c>/Cmdliner arguments. A
/// name of one letter is the option <c>-l</c> (<c>-l value</c> or <c>-lvalue</c>); a longer one is
/// <c>--name</c> (<c>--name=value</c> or <c>--name value</c>).
/// </summary>
public static partial class Arg
{
    /// <summary>A string option with a default.</summary>
    public static ArgSpec<string> String(string name, string @default, string doc, string docv = "STRING") =>
        Required([name], @default, doc, docv, ParseString, static value => value);

    /// <summary>A string option that is null when absent.</summary>
    public static ArgSpec<string?> OptString(string name, string doc, string docv = "STRING") =>
        Required<string?>([name], null, doc, docv, ParseString, static value => value ?? string.Empty);

    /// <summary>A 32-bit integer option (decimal, invariant culture).</summary>
    public static ArgSpec<int> Int(string name, int @default, string doc, string docv = "INT") =>
        Required([name], @default, doc, docv, Expecting<int>(docv, ParseInt), PrintInvariant);

    /// <summary>A 64-bit integer option (decimal, invariant culture).</summary>
    public static ArgSpec<long> Int64(string name, long @default, string doc, string docv = "INT64") =>
        Required([name], @default, doc, docv, Expecting<long>(docv, ParseInt64), PrintInvariant);

    /// <summary>A floating-point option (invariant culture: <c>1.5</c>, <c>1e-3</c>, <c>NaN</c>, <c>Infinity</c>).</summary>
    public static ArgSpec<double> Float(string name, double @default, string doc, string docv = "FLOAT") =>
        Required([name], @default, doc, docv, Expecting<double>(docv, ParseFloat), PrintInvariant);

    /// <summary>A string option the program cannot start without (upstream's <c>Arg.required</c>).</summary>
    public static ArgSpec<string> RequiredString(string name, string doc, string docv = "STRING") =>
        MustBeGiven([name], string.Empty, doc, docv, ParseString, static value => value);

    /// <summary>A 32-bit integer option the program cannot start without.</summary>
    public static ArgSpec<int> RequiredInt(string name, string doc, string docv = "INT") =>
        MustBeGiven([name], 0, doc, docv, Expecting<int>(docv, ParseInt), PrintInvariant);

    /// <summary>A 64-bit integer option the program cannot start without.</summary>
    public static ArgSpec<long> RequiredInt64(string name, string doc, string docv = "INT64") =>
        MustBeGiven([name], 0L, doc, docv, Expecting<long>(docv, ParseInt64), PrintInvariant);

    /// <summary>A floating-point option the program cannot start without.</summary>
    public static ArgSpec<double> RequiredFloat(string name, string doc, string docv = "FLOAT") =>
        MustBeGiven([name], 0.0, doc, docv, Expecting<double>(docv, ParseFloat), PrintInvariant);

    /// <summary>
    /// A boolean option: <c>--name=true</c> or <c>--name=false</c> (also <c>--name true</c>), and
    /// <c>--name</c> alone means true.
    /// </summary>
    public static ArgSpec<bool> Bool(string name, bool @default, string doc) =>
        new([name], @default, doc, "BOOL", ArgArity.Optional, impliedValue: true, Expecting<bool>("BOOL", ParseBool), PrintBool);

    /// <summary>A flag: false when absent, true when present; it takes no value.</summary>
    public static ArgSpec<bool> Flag(string name, string doc) =>
        new([name], false, doc, "BOOL", ArgArity.None, impliedValue: true, Expecting<bool>("BOOL", ParseBool), PrintBool);

    /// <summary>
    /// An option of any type, read by <paramref name="parse"/> and printed (for <c>--help</c>) by
    /// <paramref name="print"/>; an unreadable value is reported as <c>expected DOCV</c>.
    /// </summary>
    public static ArgSpec<T> Custom<T>(
        string[] names,
        T @default,
        string doc,
        string docv,
        TryParse<T> parse,
        Func<T, string> print)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Required(names, @default, doc, docv, Expecting(docv, parse), print);
    }

    /// <summary>
    /// An option of any type, read by <paramref name="parse"/> (which explains what it expected when it
    /// fails) and printed (for <c>--help</c>) by <paramref name="print"/>.
    /// </summary>
    public static ArgSpec<T> Custom<T>(
        string[] names,
        T @default,
        string doc,
        string docv,
        TryParseWithError<T> parse,
        Func<T, string> print) =>
        Required(names, @default, doc, docv, parse, print);

    private static ArgSpec<T> Required<T>(
        string[] names,
        T @default,
        string doc,
        string docv,
        TryParseWithError<T> parse,
        Func<T, string> print) =>
        new(names, @default, doc, docv, ArgArity.Required, @default, parse, print);

    // An option that needs a value and has no default: `placeholder` is what Value holds until parsed.
    private static ArgSpec<T> MustBeGiven<T>(
        string[] names,
        T placeholder,
        string doc,
        string docv,
        TryParseWithError<T> parse,
        Func<T, string> print) =>
        new(names, placeholder, doc, docv, ArgArity.Required, placeholder, parse, print, isRequired: true);

    private static TryParseWithError<T> Expecting<T>(string docv, TryParse<T> parse) =>
        (string text, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error) =>
        {
            error = parse(text, out value) ? null : $"expected {docv}";
            return error is null;
        };

    private static bool ParseString(string text, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? error)
    {
        value = text;
        error = null;
        return true;
    }

    private static bool ParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool ParseInt64(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool ParseFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // Exactly OCaml's bool_of_string: "true" or "false".
    private static bool ParseBool(string text, out bool value)
    {
        value = text == "true";
        return value || text == "false";
    }

    private static string PrintInvariant<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string PrintBool(bool value) => value ? "true" : "false";
}
