using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// The DNS client's runtime arguments (upstream's <c>Mirage_runtime_network</c>):
/// <c>--dns-servers</c>, <c>--dns-timeout</c>, <c>--dns-cache-size</c>, optionally prefixed by a group.
/// Null means "the client's default".
/// </summary>
public static class DnsArgs
{
    /// <summary><c>--dns-servers=udp:IP[:PORT],tcp:IP[:PORT],...</c>; checked when read.</summary>
    public static ArgSpec<IReadOnlyList<string>?> Servers(IReadOnlyList<string>? @default = null, string group = "") =>
        Arg.Custom(
            [Name(group, "dns-servers")],
            @default,
            "DNS servers, comma-separated, each udp:IP[:PORT] or tcp:IP[:PORT] (default: UncensoredDNS's anycast resolvers).",
            "DNS-SERVER",
            (string text, out IReadOnlyList<string>? value, [NotNullWhen(false)] out string? error) =>
            {
                var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                value = items;
                if (items.Length == 0)
                {
                    // Never "no servers, so the defaults": that would send queries to public resolvers unasked.
                    error = "expected at least one DNS server, udp:IP[:PORT] or tcp:IP[:PORT]";
                    return false;
                }
                return Nameserver.TryParseAll(items, out _, out error);
            },
            value => value is null ? "the defaults" : string.Join(',', value));

    /// <summary><c>--dns-timeout=NANOSECONDS</c>: the time budget of one query.</summary>
    public static ArgSpec<long?> Timeout(long? @default = null, string group = "") =>
        PositiveInt64(Name(group, "dns-timeout"), @default, "DNS timeout (in nanoseconds, default 5 s).", "DNS-TIMEOUT");

    /// <summary><c>--dns-cache-size=N</c>: how many answers are cached.</summary>
    public static ArgSpec<int?> CacheSize(int? @default = null, string group = "") =>
        Arg.Custom<int?>(
            [Name(group, "dns-cache-size")],
            @default,
            "DNS cache size (default 32).",
            "DNS-CACHE-SIZE",
            (string text, out int? value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size);
                value = ok ? size : null;
                error = ok ? null : "expected a size of 0 or more";
                return ok;
            },
            value => value?.ToString(CultureInfo.InvariantCulture) ?? "32");

    internal static ArgSpec<long?> PositiveInt64(string name, long? @default, string doc, string docv) =>
        Arg.Custom<long?>(
            [name],
            @default,
            doc,
            docv,
            (string text, out long? value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) && ns > 0;
                value = ok ? ns : null;
                error = ok ? null : "expected a positive number of nanoseconds";
                return ok;
            },
            value => value?.ToString(CultureInfo.InvariantCulture) ?? "the default");

    internal static string Name(string group, string name) => group.Length == 0 ? name : $"{group}-{name}";
}
