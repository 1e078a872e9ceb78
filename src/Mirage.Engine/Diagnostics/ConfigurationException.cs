using Mirage.Engine.Model;

namespace Mirage.Engine.Diagnostics;

/// <summary>One problem found in a configuration, located where we can.</summary>
public sealed record Diagnostic(string Code, string Message, SourceLocation? Location = null)
{
    public override string ToString() =>
        Location is null ? $"error {Code}: {Message}" : $"{Location}: error {Code}: {Message}";

    /// <summary>
    /// As a compiler prints it, <c>file(line): error code: message</c>, with paths shown through
    /// <paramref name="displayPath"/> and <paramref name="fileWhenUnlocated"/> named when the
    /// diagnostic has no location of its own.
    /// </summary>
    public string Format(Func<string, string> displayPath, string fileWhenUnlocated) =>
        $"{(Location is null ? displayPath(fileWhenUnlocated) : Location with { File = displayPath(Location.File) })}: error {Code}: {Message}";
}

/// <summary>
/// Raised for a configuration the engine cannot accept (unknown key, bad key value, cycle, package
/// conflict...). Front ends print <see cref="Diagnostics"/> and exit non-zero, writing nothing.
/// </summary>
public sealed class ConfigurationException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public ConfigurationException(Diagnostic diagnostic) : this([diagnostic]) { }

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
