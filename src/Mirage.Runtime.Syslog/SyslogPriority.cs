using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// The PRI of a syslog message (RFC 5424 section 6.2.1): facility × 8 + severity. Every message goes
/// out with facility 3, system daemons, and a severity mapped from the log level as logs-syslog does
/// (app and info are informational).
/// </summary>
public static class SyslogPriority
{
    /// <summary>The facility of every message: 3, system daemons (logs-syslog's default).</summary>
    public const int DaemonFacility = 3;

    /// <summary>The RFC 5424 severity of <paramref name="level"/>: error 3, warning 4, app and info 6, debug 7.</summary>
    public static int Severity(LogLevel level) => level switch
    {
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Debug => 7,
        _ => 6,
    };

    /// <summary>The PRI value of a message of <paramref name="level"/>.</summary>
    public static int Of(LogLevel level) => (DaemonFacility * 8) + Severity(level);
}
