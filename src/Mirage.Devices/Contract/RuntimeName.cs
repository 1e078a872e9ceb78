using System.Runtime.CompilerServices;

namespace Mirage.Devices.Contract;

/// <summary>
/// The full names of the runtime's namespaces, types and members as generated code spells them,
/// checked by the compiler: <c>RuntimeName.Of(nameof(Mirage.Runtime.Job.Noop))</c> is
/// the string <c>Mirage.Runtime.Job.Noop</c>. <c>nameof</c> fails the build when the runtime renames what it
/// names and leaves no reference to the runtime in this assembly; the name written inside it, fully
/// qualified, is read back from the call's source text.
/// </summary>
internal static class RuntimeName
{
    private const string Prefix = "nameof(";

    /// <summary>The fully qualified name written in <paramref name="name"/>'s <c>nameof</c>.</summary>
    /// <param name="name">A <c>nameof</c> of a fully qualified name.</param>
    /// <param name="expression">Filled in by the compiler: the text of <paramref name="name"/>'s argument.</param>
    /// <exception cref="ArgumentException">The argument is not a <c>nameof</c> of a qualified name.</exception>
    public static string Of(string name, [CallerArgumentExpression(nameof(name))] string expression = "")
    {
        var qualified = expression.StartsWith(Prefix, StringComparison.Ordinal) && expression.EndsWith(')')
            ? expression[Prefix.Length..^1]
            : "";
        return qualified.Contains('.', StringComparison.Ordinal)
            && qualified.EndsWith("." + name, StringComparison.Ordinal)
            && qualified.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            ? qualified
            : throw new ArgumentException($"expected nameof(a fully qualified name), got '{expression}'", nameof(name));
    }
}
