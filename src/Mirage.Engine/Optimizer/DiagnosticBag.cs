using Mirage.Engine.Diagnostics;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// The problems the passes find. A pass adds what it finds and goes on; the optimizer stops between
/// passes when a later pass could only repeat or confuse what was already found.
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _diagnostics = [];

    public void Add(string code, string message, SourceLocation? location = null) =>
        _diagnostics.Add(new Diagnostic(code, message, location));

    public void ThrowIfAny()
    {
        if (_diagnostics.Count > 0)
        {
            throw new ConfigurationException(_diagnostics.ToArray());
        }
    }

    /// <summary><c>Unikernel.Hello (config.fsx(12))</c>, or just the module name when its location is unknown.</summary>
    public static string Describe(Device device) =>
        device.Location is null ? device.ModuleName : $"{device.ModuleName} ({device.Location})";
}
