using Mirage.Engine.CodeGen;
using System.Text.RegularExpressions;
using Mirage.Devices.Conversion;
using Mirage.Engine.Model;

namespace Mirage.Devices.Arguments;

/// <summary>
/// The kind of a runtime argument and its default: which <c>Mirage.Runtime.Arguments.Arg</c> factory
/// the generated program calls to parse it. Make one with <see cref="RuntimeArgKinds"/>, then name
/// it with <see cref="Create"/>.
/// </summary>
/// <typeparam name="T">The type of the argument's value in the generated program.</typeparam>
public sealed partial class RuntimeArgKind<T>
{
    private readonly string _factory;
    private readonly string? _defaultLiteral;
    private readonly bool _hasDocv;
    private readonly bool _required;

    // factory: the Arg factory's full name, from RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.String)).
    internal RuntimeArgKind(string factory, string csharpType, string? defaultLiteral, bool hasDocv, bool required = false)
    {
        _factory = factory;
        CSharpType = csharpType;
        _defaultLiteral = defaultLiteral;
        _hasDocv = hasDocv;
        _required = required;
    }

    /// <summary>The C# type of the argument's value (<c>string</c>, <c>int</c>, <c>string?</c>).</summary>
    public string CSharpType { get; }

    /// <summary>
    /// The runtime argument <c>--name</c>, with the C# spec expression that declares it, such as
    /// <c>Mirage.Runtime.Arguments.Arg.String("hello", "Hello World!", "How to say hello.")</c>.
    /// </summary>
    /// <param name="name">Lowercase letters, digits, '-' or '_', starting with a letter.</param>
    /// <param name="doc">The help text.</param>
    /// <param name="docv">What the value looks like in help text; the factory's own when null.</param>
    /// <param name="location">Where the argument was declared in the config.</param>
    public RuntimeArg Create(string name, string doc, string? docv = null, SourceLocation? location = null)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"invalid runtime argument name '{name}': expected lowercase letters, digits, '-' or '_', starting with a letter",
                nameof(name));
        }
        if (docv is not null && !_hasDocv)
        {
            throw new ArgumentException(
                $"the runtime argument '{name}' takes no value to describe: Arg.{_factory[(_factory.LastIndexOf('.') + 1)..]} has no docv",
                nameof(docv));
        }
        var arguments = new List<string> { CSharpLiteral.String(name) };
        if (_defaultLiteral is not null)
        {
            arguments.Add(_defaultLiteral);
        }
        arguments.Add(CSharpLiteral.String(doc));
        if (docv is not null)
        {
            arguments.Add(CSharpLiteral.String(docv));
        }
        var spec = $"{_factory}({string.Join(", ", arguments)})";
        return new RuntimeArg(name, doc, CSharpType, spec, location, _required);
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
