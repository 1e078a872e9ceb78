using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Network;

/// <summary>
/// The network runtime arguments (upstream's <c>Mirage_runtime_network</c>): <c>--ipv4</c>,
/// <c>--ipv6</c>, <c>--ipv4-only</c>, <c>--ipv6-only</c>, each optionally prefixed by a group
/// (<c>--private-ipv4</c>).
/// </summary>
public static class NetworkArgs
{
    /// <summary><c>--ipv4=PREFIX</c>: the IPv4 address and network of the stack.</summary>
    public static ArgSpec<IpPrefix> Ipv4(string @default, string group = "") =>
        Arg.Custom(
            [Name(group, "ipv4")],
            IpPrefix.Parse(@default),
            "The network of the unikernel's IPv4 address, as ADDRESS/PREFIX-LENGTH.",
            "PREFIX",
            ParsePrefix(AddressFamily.InterNetwork),
            PrintPrefix);

    /// <summary><c>--ipv6=PREFIX</c>: the IPv6 address and network of the stack; none by default.</summary>
    public static ArgSpec<IpPrefix?> Ipv6(string? @default = null, string group = "") =>
        Arg.Custom<IpPrefix?>(
            [Name(group, "ipv6")],
            @default is null ? null : IpPrefix.Parse(@default),
            "The network of the unikernel's IPv6 address, as ADDRESS/PREFIX-LENGTH.",
            "PREFIX",
            (string text, out IpPrefix? value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = ParsePrefix(AddressFamily.InterNetworkV6)(text, out var prefix, out error);
                value = ok ? prefix : null;
                return ok;
            },
            value => value is { } v ? PrintPrefix(v) : "none");

    /// <summary><c>--ipv4-only</c>: use IPv4 only.</summary>
    public static ArgSpec<bool> Ipv4Only(string group = "") =>
        Arg.Bool(Name(group, "ipv4-only"), false, "Only use IPv4 for the unikernel.");

    /// <summary><c>--ipv6-only</c>: use IPv6 only.</summary>
    public static ArgSpec<bool> Ipv6Only(string group = "") =>
        Arg.Bool(Name(group, "ipv6-only"), false, "Only use IPv6 for the unikernel.");

    private static string Name(string group, string name) => group.Length == 0 ? name : $"{group}-{name}";

    private static TryParseWithError<IpPrefix> ParsePrefix(AddressFamily family) =>
        (string text, out IpPrefix value, [NotNullWhen(false)] out string? error) =>
        {
            if (IpPrefix.TryParse(text, out var prefix) && prefix.Value.Address.AddressFamily == family)
            {
                value = prefix.Value;
                error = null;
                return true;
            }
            value = default;
            error = family == AddressFamily.InterNetwork
                ? "expected an IPv4 prefix such as 10.0.0.2/24"
                : "expected an IPv6 prefix such as fd00::2/64";
            return false;
        };

    private static string PrintPrefix(IpPrefix prefix) => prefix.ToString();
}
