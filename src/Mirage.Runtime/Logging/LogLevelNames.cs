namespace Mirage.Runtime.Logging;

/// <summary>The names of log levels on the command line (<c>info</c>) and their tags in log lines (<c>INF</c>).</summary>
internal static class LogLevelNames
{
    /// <summary>The name of "no threshold", which shows nothing.</summary>
    public const string Quiet = "quiet";

    /// <summary>Every accepted name, for messages that list them.</summary>
    public const string All = "quiet, app, error, warning, info, debug";

    public static string Tag(LogLevel level) => level switch
    {
        LogLevel.App => "APP",
        LogLevel.Error => "ERR",
        LogLevel.Warning => "WRN",
        LogLevel.Info => "INF",
        LogLevel.Debug => "DBG",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string Name(LogLevel? level) => level switch
    {
        null => Quiet,
        LogLevel.App => "app",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Info => "info",
        LogLevel.Debug => "debug",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Reads a threshold name, ignoring case; <c>quiet</c> is the null threshold.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out LogLevel? level)
    {
        foreach (var candidate in (ReadOnlySpan<LogLevel?>)[null, LogLevel.App, LogLevel.Error, LogLevel.Warning, LogLevel.Info, LogLevel.Debug])
        {
            if (name.Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = null;
        return false;
    }
}
