using Mirage.Engine.Model;

namespace Mirage.Engine.Diagnostics;

/// <summary>How serious a diagnostic is: configure stops on an error; a warning is only shown.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in a configuration, located where we can. An empty <see cref="Code"/>
/// prints as <c>error: message</c>.</summary>
public sealed record Diagnostic(string Code, string Message, SourceLocation? Location = null)
{
    public DiagnosticSeverity Severity { get; init; } = DiagnosticSeverity.Error;

    private string Label =>
        (Severity == DiagnosticSeverity.Warning ? "warning" : "error") + (Code.Length > 0 ? " " + Code : "");

    public override string ToString() =>
        Location is null ? $"{Label}: {Message}" : $"{Location}: {Label}: {Message}";

    /// <summary>
    /// As a compiler prints it, <c>file(line): error code: message</c>, with paths shown through
    /// <paramref name="displayPath"/> and <paramref name="fileWhenUnlocated"/> named when the
    /// diagnostic has no location of its own.
    /// </summary>
    public string Format(Func<string, string> displayPath, string fileWhenUnlocated) =>
        $"{(Location is null ? displayPath(fileWhenUnlocated) : Location with { File = displayPath(Location.File) })}: {Label}: {Message}";
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
