using Mirage.Engine.Model;

namespace Mirage.Engine.Diagnostics;

/// <summary>One problem found in a configuration, located where we can.</summary>
public sealed record Diagnostic(string Code, string Message, SourceLocation? Location = null)
{
    public override string ToString() =>
        Location is null ? $"error {Code}: {Message}" : $"{Location}: error {Code}: {Message}";
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
