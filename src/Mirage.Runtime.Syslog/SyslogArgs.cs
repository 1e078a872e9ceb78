using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// The syslog devices' runtime arguments, upstream's names and defaults: <c>--syslog=IP</c> (none:
/// logs stay on the console), <c>--syslog-port</c> (514), <c>--syslog-truncate=BYTES</c> and
/// <c>--syslog-keyname=NAME</c> (TLS), each optionally prefixed by a group.
/// </summary>
public static class SyslogArgs
{
    /// <summary>The port of syslog over UDP and TCP, also upstream's default for TLS.</summary>
    public const int DefaultPort = 514;

    /// <summary><c>--syslog=IP</c>, the collector's address.</summary>
    public static ArgSpec<IPAddress?> Server(string group = "") =>
        Arg.OptIpAddress(Name(group, "syslog"), "The syslog collector's IP address (none: logs stay on the console).");

    /// <summary><c>--syslog-port=PORT</c>.</summary>
    public static ArgSpec<int> Port(string group = "") =>
        Arg.Port(Name(group, "syslog-port"), DefaultPort, "The syslog collector's port.");

    /// <summary><c>--syslog-truncate=BYTES</c>: messages longer than that are cut (none: UDP at 65535 bytes, streams not at all).</summary>
    public static ArgSpec<int?> Truncate(string group = "") =>
        Arg.Custom<int?>(
            [Name(group, "syslog-truncate")],
            null,
            "Truncate syslog messages to this many bytes.",
            "BYTES",
            (string text, out int? value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0;
                value = ok ? bytes : null;
                error = ok ? null : "expected a positive number of bytes";
                return ok;
            },
            value => value?.ToString(CultureInfo.InvariantCulture) ?? "none");

    /// <summary><c>--syslog-keyname=NAME</c>: the client certificate NAME.pem/NAME.key in the TLS device's store (none: no client certificate).</summary>
    public static ArgSpec<string?> Keyname(string group = "") =>
        Arg.OptString(Name(group, "syslog-keyname"), "The TLS key name used for syslog (NAME.pem and NAME.key in the store).", "NAME");

    private static string Name(string group, string name) => group.Length == 0 ? name : $"{group}-{name}";
}
