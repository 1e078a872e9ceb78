using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Mirage.Runtime.Arguments;
using Mirage.Runtime.Network.Dns;

namespace Mirage.Runtime.Network.HappyEyeballs;

/// <summary>
/// Happy eyeballs' runtime arguments (upstream's <c>--he-*</c>), durations in nanoseconds, null
/// meaning the default.
/// </summary>
public static class HappyEyeballsArgs
{
    /// <summary><c>--he-aaaa-timeout</c> (default 50 ms).</summary>
    public static ArgSpec<long?> AaaaTimeout(long? @default = null, string group = "") =>
        DnsArgs.PositiveInt64(DnsArgs.Name(group, "he-aaaa-timeout"), @default, "AAAA timeout (in nanoseconds, default 50 ms).", "AAAA-TIMEOUT");

    /// <summary><c>--he-connect-delay</c> (default 50 ms).</summary>
    public static ArgSpec<long?> ConnectDelay(long? @default = null, string group = "") =>
        DnsArgs.PositiveInt64(DnsArgs.Name(group, "he-connect-delay"), @default, "Delay (in nanoseconds) between connection attempts (default 50 ms).", "CONNECT-DELAY");

    /// <summary><c>--he-connect-timeout</c> (default 10 s).</summary>
    public static ArgSpec<long?> ConnectTimeout(long? @default = null, string group = "") =>
        DnsArgs.PositiveInt64(DnsArgs.Name(group, "he-connect-timeout"), @default, "Connection establishment timeout (in nanoseconds, default 10 s).", "CONNECT-TIMEOUT");

    /// <summary><c>--he-resolve-timeout</c> (default 1 s).</summary>
    public static ArgSpec<long?> ResolveTimeout(long? @default = null, string group = "") =>
        DnsArgs.PositiveInt64(DnsArgs.Name(group, "he-resolve-timeout"), @default, "DNS resolution timeout (in nanoseconds, default 1 s).", "RESOLVE-TIMEOUT");

    /// <summary><c>--he-timer-interval</c> (default 10 ms).</summary>
    public static ArgSpec<long?> TimerInterval(long? @default = null, string group = "") =>
        DnsArgs.PositiveInt64(DnsArgs.Name(group, "he-timer-interval"), @default, "Interval (in nanoseconds) of the happy eyeballs timer (default 10 ms).", "TIMER-INTERVAL");

    /// <summary><c>--he-resolve-retries</c> (default 3).</summary>
    public static ArgSpec<int?> ResolveRetries(int? @default = null, string group = "") =>
        Arg.Custom<int?>(
            [DnsArgs.Name(group, "he-resolve-retries")],
            @default,
            "Amount of DNS resolution attempts (default 3).",
            "RESOLVE-RETRIES",
            (string text, out int? value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
                value = ok ? n : null;
                error = ok ? null : "expected a positive count";
                return ok;
            },
            value => value?.ToString(CultureInfo.InvariantCulture) ?? "3");
}
