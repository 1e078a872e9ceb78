using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.Arguments;

/// <summary>
/// Reads a value of a custom argument from its command-line text, or explains why it cannot. The
/// explanation follows <c>invalid value 'TEXT', </c> in the error, so it reads best as
/// <c>expected …</c>.
/// </summary>
/// <typeparam name="T">The type of the argument's value.</typeparam>
public delegate bool TryParseWithError<T>(
    string text,
    [MaybeNullWhen(false)] out T value,
    [NotNullWhen(false)] out string? error);
