using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Mirage.Runtime.Network.Resolver;

/// <summary>Host names that are IP addresses already: <c>192.0.2.1</c>, <c>2001:db8::1</c>, <c>[2001:db8::1]</c>.</summary>
public static class IpLiteral
{
    /// <summary>
    /// Reads a dotted-quad IPv4 address or an IPv6 address (brackets allowed) — not the legacy IPv4
    /// forms (<c>1.2</c>, <c>3232235777</c>) that <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
    /// also takes, which would turn a numeric host name into an address.
    /// </summary>
    public static bool TryParse(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(text, out address)
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? text.Contains(':', StringComparison.Ordinal)
                : text.Count(c => c == '.') == 3 && !host.StartsWith('[')))
        {
            return true;
        }
        address = null;
        return false;
    }
}
