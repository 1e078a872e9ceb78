using System.Diagnostics.CodeAnalysis;
using Mirage.Runtime.Arguments;
using Mirage.Runtime.Network.Dns;

namespace Mirage.Runtime.Network.Resolver;

/// <summary>The resolver's runtime argument (upstream's <c>Mirage_runtime_network.resolver</c>).</summary>
public static class ResolverArgs
{
    /// <summary>
    /// <c>--resolver=udp:IP[:PORT],tcp:IP[:PORT],...</c>: the nameservers of <c>resolver_dns</c>
    /// (null: the DNS client's defaults); checked when read.
    /// </summary>
    public static ArgSpec<IReadOnlyList<string>?> Nameservers(IReadOnlyList<string>? @default = null) =>
        Arg.Custom(
            ["resolver"],
            @default,
            "DNS resolver, comma-separated nameservers, each udp:IP[:PORT] or tcp:IP[:PORT] (default: UncensoredDNS's anycast resolvers).",
            "IP",
            (string text, out IReadOnlyList<string>? value, [NotNullWhen(false)] out string? error) =>
            {
                var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                value = items;
                return Nameserver.TryParseAll(items, out _, out error);
            },
            value => value is null ? "the defaults" : string.Join(',', value));
}
