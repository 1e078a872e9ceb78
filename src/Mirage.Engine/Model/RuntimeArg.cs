namespace Mirage.Engine.Model;

/// <summary>
/// A runtime argument: parsed by the generated program when it starts (<c>--hello=...</c>), and handed
/// to the connect code of the devices that declare it. <see cref="SpecExpression"/> is the C#
/// expression that builds the runtime's typed argument spec
/// (e.g. <c>Mirage.Runtime.Arguments.Arg.String("hello", "Hello World!", "How to say hello.")</c>),
/// and <see cref="CSharpType"/> the type of its value. A <see cref="Required"/> argument has no
/// default: the generated program refuses to start without it (upstream's <c>Arg.required</c>).
/// </summary>
public sealed record RuntimeArg(
    string Name,
    string Doc,
    string CSharpType,
    string SpecExpression,
    SourceLocation? Location = null,
    bool Required = false)
{
    /// <summary>Two declarations are one argument when they would parse and print identically.</summary>
    public bool SameDeclaration(RuntimeArg other) =>
        Name == other.Name && CSharpType == other.CSharpType && SpecExpression == other.SpecExpression;
}
