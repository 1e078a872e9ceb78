using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.Arguments;

/// <summary>
/// The declaration of a runtime argument: its names, default, documentation, and how to read and
/// print its value. Made by the factories of <see cref="Arg"/>; <see cref="ArgParser.Add{T}"/> binds it.
/// </summary>
/// <typeparam name="T">The type of the argument's value.</typeparam>
public sealed class ArgSpec<T>
{
    private readonly TryParseWithError<T> _parse;
    private readonly Func<T, string> _print;

    internal ArgSpec(
        string[] names,
        T @default,
        string doc,
        string docv,
        ArgArity arity,
        T impliedValue,
        TryParseWithError<T> parse,
        Func<T, string> print,
        bool isRequired = false,
        Func<T, string?>? check = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentException.ThrowIfNullOrEmpty(docv);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(print);
        if (names.Length == 0)
        {
            throw new ArgumentException("An argument needs at least one name.", nameof(names));
        }

        foreach (var name in names)
        {
            ValidateName(name);
        }

        Names = Array.AsReadOnly((string[])names.Clone());
        Default = @default;
        Doc = doc;
        Docv = docv;
        Arity = arity;
        ImpliedValue = impliedValue;
        IsRequired = isRequired;
        _parse = parse;
        _print = print;
        Check = check;
    }

    /// <summary>The names without dashes: one letter for <c>-l</c>, more for <c>--logs</c>.</summary>
    public ReadOnlyCollection<string> Names { get; }

    /// <summary>The value when the option is absent (never seen when <see cref="IsRequired"/>).</summary>
    public T Default { get; }

    /// <summary>
    /// Whether the program refuses to start without the option (upstream's <c>Arg.required</c>):
    /// <see cref="ArgParser.Parse"/> reports it missing, with <see cref="ArgParser.ErrorExitCode"/>.
    /// </summary>
    public bool IsRequired { get; }

    /// <summary>What the argument is for, shown by <c>--help</c>.</summary>
    public string Doc { get; }

    /// <summary>The placeholder of the value in <c>--help</c> and errors, e.g. <c>INT</c>.</summary>
    public string Docv { get; }

    /// <summary>Whether the option takes a value.</summary>
    internal ArgArity Arity { get; }

    /// <summary>The value of the option given without one (<see cref="ArgArity.Optional"/>, <see cref="ArgArity.None"/>).</summary>
    internal T ImpliedValue { get; }

    /// <summary>Reads a value from its command-line text, or explains why not (<c>expected INT</c>).</summary>
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _parse(text, out value, out error);
    }

    /// <summary>The command-line text of <paramref name="value"/>, which <see cref="TryParse"/> reads back.</summary>
    public string Print(T value) => _print(value);

    /// <summary>What a value must also be (the error, or null when it will do); null when any parsed value will.</summary>
    internal Func<T, string?>? Check { get; }

    /// <summary>
    /// This argument, refusing a value <paramref name="check"/> finds wrong (it returns why, or null) when the
    /// program starts, as an unreadable one is: a device that needs more of an argument than its type says
    /// (a hex key of AES's lengths, say) declares it so, and a bad value exits 64 naming the option rather
    /// than failing later at connect. The default, used when the option is absent, is checked too.
    /// </summary>
    public ArgSpec<T> Refine(Func<T, string?> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var previous = Check;
        Func<T, string?> both = previous is null ? check : value => previous(value) ?? check(value);
        TryParseWithError<T> parse = (string text, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error) =>
        {
            if (!_parse(text, out value, out error))
            {
                return false;
            }
            error = both(value);
            return error is null;
        };
        return new([.. Names], Default, Doc, Docv, Arity, ImpliedValue, parse, _print, IsRequired, both);
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, nameof(name));
        if (name[0] == '-' || name.AsSpan().IndexOfAny('=', ' ', '\t') >= 0 || name.AsSpan().ContainsAnyInRange('\0', '\x1f'))
        {
            throw new ArgumentException(
                $"'{name}' cannot be an argument name: give it without dashes, and without '=' or spaces.",
                nameof(name));
        }
    }
}
