using System.Text.RegularExpressions;

namespace Mirage.Engine.Model;

/// <summary>
/// A configure-time key: its value is fixed by <c>mirage configure --name=value</c> (or its default)
/// and can select devices with <c>if_impl</c>/<c>match_impl</c> or shape their connect code.
/// Values are boxed here; the front ends keep them typed.
/// </summary>
public sealed partial class Key
{
    private readonly Func<string, (object? Value, string? Error)> _parse;
    private readonly Func<object, string> _print;

    public Key(
        string name,
        string doc,
        string docv,
        object @default,
        Func<string, (object? Value, string? Error)> parse,
        Func<object, string> print,
        SourceLocation? location = null)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"invalid key name '{name}': expected lowercase letters, digits, '-' or '_', starting with a letter",
                nameof(name));
        }
        Name = name;
        Doc = doc;
        Docv = docv;
        Default = @default;
        _parse = parse;
        _print = print;
        Location = location;
    }

    public string Name { get; }
    public string Doc { get; }
    /// <summary>What the value looks like in help text: <c>BOOL</c>, <c>STRING</c>, <c>unix|aot</c>.</summary>
    public string Docv { get; }
    public object Default { get; }
    public SourceLocation? Location { get; }

    /// <summary>Parses a command-line value; the error says what was expected.</summary>
    public bool TryParse(string text, out object? value, out string error)
    {
        var (v, e) = _parse(text);
        value = v;
        error = e ?? "";
        return e is null && v is not null;
    }

    public string Print(object value) => _print(value);

    /// <summary>Two declarations of one key name are the same key when they agree on what a user sees.</summary>
    public bool SameDeclaration(Key other) =>
        Name == other.Name && Docv == other.Docv && Print(Default) == other.Print(other.Default);

    public override string ToString() => Name;

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
