namespace Mirage.Devices;

/// <summary>
/// The log levels, from the least to the most verbose threshold (upstream's <c>Logs.level</c>);
/// generated code names the runtime's <c>Mirage.Runtime.Logging.LogLevel</c> member of the same name.
/// </summary>
public enum LogLevel
{
    /// <summary>Application messages only, whatever the level.</summary>
    App,
    /// <summary>Errors.</summary>
    Error,
    /// <summary>Errors and warnings.</summary>
    Warning,
    /// <summary>Errors, warnings and information.</summary>
    Info,
    /// <summary>Everything.</summary>
    Debug,
}
