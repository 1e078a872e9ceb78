using System.Globalization;

namespace Mirage.Runtime.Logging;

/// <summary>The text of one log line: <c>2026-11-23T09:03:48.123Z INF [application] hello</c>.</summary>
internal static class LogLine
{
    /// <summary>
    /// Formats a line (without its line break), the time in UTC RFC 3339 with milliseconds (no time
    /// when the unikernel has no clock); the source and the message escaped (<see cref="LogEscaping"/>),
    /// so that one report is always one line.
    /// </summary>
    public static string Format(DateTimeOffset? time, LogLevel level, string source, string message) =>
        time is { } t
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {LogLevelNames.Tag(level)} [{LogEscaping.Escape(source)}] {LogEscaping.Escape(message)}")
            : $"{LogLevelNames.Tag(level)} [{LogEscaping.Escape(source)}] {LogEscaping.Escape(message)}";
}
