using System.Globalization;
using System.Text;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// One log report as syslog bytes, pure: the caller passes the time. The message text is escaped
/// by <see cref="LogEscaping"/> (newlines and other control characters become <c>\n</c>,
/// <c>\x1b</c>..., as RFC 5424 section 6.4 lets a sender do and RFC 3164 asks for printable text) so
/// one report is one message whatever the framing; text that is not valid Unicode (a lone
/// surrogate) is sent as U+FFFD, so the bytes are always valid UTF-8. A positive <c>truncate</c>
/// cuts the encoded message to that many bytes (upstream's <c>--syslog-truncate</c>),
/// never inside a UTF-8 sequence.
/// </summary>
public static class SyslogMessage
{
    /// <summary>RFC 5424 lengths of HOSTNAME, APP-NAME and MSGID.</summary>
    private const int HostnameLength = 255, AppNameLength = 48, MsgIdLength = 32;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The message: for RFC 5424, HOSTNAME and APP-NAME are <paramref name="hostname"/> (the
    /// unikernel's name), MSGID the log source and MSG the text; for RFC 3164, the TAG is the source.
    /// </summary>
    public static byte[] Encode(
        SyslogFormat format,
        DateTimeOffset? time,
        string hostname,
        string source,
        LogLevel level,
        string message,
        int? truncate = null)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        var text = format == SyslogFormat.Rfc3164
            ? Rfc3164(time, hostname, source, level, message)
            : Rfc5424(time, hostname, source, level, message);
        var bytes = Utf8.GetBytes(text);
        return truncate is int limit && limit > 0 && bytes.Length > limit ? bytes[..Utf8Boundary(bytes, limit)] : bytes;
    }

    private static string Rfc5424(DateTimeOffset? time, string hostname, string source, LogLevel level, string message)
    {
        var host = SyslogField.Header(hostname, HostnameLength);
        var app = SyslogField.Header(hostname, AppNameLength);
        var msgId = SyslogField.Header(source, MsgIdLength);
        // With no clock, the TIMESTAMP is the NILVALUE (RFC 5424 section 6.2.3).
        var stamp = time is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}")
            : SyslogField.Nil;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<{SyslogPriority.Of(level)}>1 {stamp} {host} {app} {SyslogField.Nil} {msgId} {SyslogField.Nil} {LogEscaping.Escape(message)}");
    }

    private static string Rfc3164(DateTimeOffset? time, string hostname, string source, LogLevel level, string message)
    {
        // RFC 3164 section 4.1.2: "Mmm dd hh:mm:ss", the day padded with a space, no year, no zone (we send UTC).
        // With no clock, the header has no TIMESTAMP and no HOSTNAME: the collector adds both (section 4.3.2).
        if (time is not { } t)
        {
            return string.Create(CultureInfo.InvariantCulture, $"<{SyslogPriority.Of(level)}>{Tag(source)}: {LogEscaping.Escape(message)}");
        }
        var utc = t.UtcDateTime;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{utc:MMM} {utc.Day,2} {utc:HH:mm:ss}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<{SyslogPriority.Of(level)}>{stamp} {SyslogField.Header(hostname, HostnameLength)} {Tag(source)}: {LogEscaping.Escape(message)}");
    }

    // The TAG is at most 32 alphanumeric characters (section 4.1.3); anything else in a source becomes '_'.
    private static string Tag(string source) =>
        new([.. SyslogField.Header(source, 32).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')]);

    // The longest prefix of at most `limit` bytes that ends on a character boundary.
    private static int Utf8Boundary(byte[] bytes, int limit)
    {
        var end = limit;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }
        return end;
    }
}
