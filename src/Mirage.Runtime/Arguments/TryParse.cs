using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.Arguments;

/// <summary>Reads a value of a custom argument from its command-line text (like <c>int.TryParse</c>).</summary>
/// <typeparam name="T">The type of the argument's value.</typeparam>
/// <returns>Whether <paramref name="text"/> denotes a value; the parser's error then says <c>expected DOCV</c>.</returns>
public delegate bool TryParse<T>(string text, [MaybeNullWhen(false)] out T value);
