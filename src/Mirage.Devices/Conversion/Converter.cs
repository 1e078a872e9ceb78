using Mirage.Engine.CodeGen;
using System.Diagnostics.CodeAnalysis;
using Mirage.Engine.Model;

namespace Mirage.Devices.Conversion;

/// <summary>
/// How values of one type are read from the command line, printed back, and written into generated
/// C# (upstream's <c>Key.Arg.converter</c>). Configure keys and runtime arguments are both built
/// from converters, so that each front end parses, prints and quotes values the same way.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public sealed class Converter<T>
{
    private readonly Func<string, (T? Value, string? Error)> _parse;
    private readonly Func<T, string> _print;
    private readonly Func<T, string> _literal;

    /// <param name="docv">What a value looks like in help text: <c>STRING</c>, <c>INT</c>, <c>a|b</c>.</param>
    /// <param name="csharpType">The C# type of <paramref name="literal"/>'s expressions.</param>
    /// <param name="parse">Reads a value; a non-null error (<c>expected an integer</c>) means it failed.</param>
    /// <param name="print">Writes a value so that <paramref name="parse"/> reads it back.</param>
    /// <param name="literal">Writes a value as a C# expression of type <paramref name="csharpType"/>.</param>
    public Converter(
        string docv,
        string csharpType,
        Func<string, (T? Value, string? Error)> parse,
        Func<T, string> print,
        Func<T, string> literal)
    {
        Docv = docv;
        CSharpType = csharpType;
        _parse = parse;
        _print = print;
        _literal = literal;
    }

    /// <summary>What a value looks like in help text: <c>STRING</c>, <c>BOOL</c>, <c>INT</c>, <c>a|b</c>.</summary>
    public string Docv { get; }

    /// <summary>The C# type of <see cref="CSharpLiteral"/>'s expressions.</summary>
    public string CSharpType { get; }

    /// <summary>Reads a command-line value; <paramref name="error"/> says what was expected.</summary>
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value, out string error)
    {
        var (v, e) = _parse(text);
        if (e is null)
        {
            value = v!;
            error = "";
            return true;
        }
        value = default;
        error = e ?? $"invalid value '{text}'";
        return false;
    }

    /// <summary>Writes a value the way <see cref="TryParse"/> reads it.</summary>
    public string Print(T value) => _print(value);

    /// <summary>A C# expression of type <see cref="CSharpType"/> whose value is <paramref name="value"/>.</summary>
    public string CSharpLiteral(T value) => _literal(value);

    /// <summary>
    /// A configure key reading values of this type (upstream's <c>Key.create name (Arg.opt conv default info)</c>).
    /// </summary>
    /// <param name="name">The key's name: <c>--name=value</c> on <c>mirage configure</c>.</param>
    /// <param name="default">The value when the key is not given.</param>
    /// <param name="doc">The help text.</param>
    /// <param name="docv">Overrides <see cref="Docv"/> in the help text.</param>
    /// <param name="location">Where the key was declared in the config.</param>
    public Key CreateKey(string name, T @default, string doc, string? docv = null, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(@default);
        return new Key(
            name,
            doc,
            docv ?? Docv,
            @default,
            text => TryParse(text, out var value, out var error) ? (value, null) : (null, error),
            value => Print((T)value),
            location);
    }
}
