using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.Dns;

/// <summary>How a nameserver is spoken to.</summary>
public enum DnsProtocol
{
    /// <summary>Datagrams from a random source port; a truncated answer is asked again over TCP.</summary>
    Udp,
    /// <summary>A TCP connection, messages framed by a two-octet length (RFC 1035 4.2.2, RFC 7766).</summary>
    Tcp,
    /// <summary>TCP's framing inside TLS (DNS over TLS, RFC 7858).</summary>
    Tls,
}

/// <summary>
/// A nameserver in upstream's syntax (ocaml-dns's <c>nameserver_of_string</c>): <c>udp:IP[:PORT]</c>
/// or <c>tcp:IP[:PORT]</c>, port 53 by default, or <c>tls:IP[:PORT][!HOSTNAME][!AUTHENTICATOR]</c>,
/// port 853 by default, where the server's certificate must name <see cref="TlsHost"/> (the IP
/// address when no host name is given) and satisfy <see cref="Authenticator"/> (the system's roots
/// when none is given). An IPv6 address with a port is written <c>[::1]:5353</c>.
/// </summary>
public sealed record Nameserver(DnsProtocol Protocol, IPEndPoint EndPoint, string? TlsHost = null, TlsAuthenticator? Authenticator = null)
{
    /// <summary>The DNS port.</summary>
    public const int DefaultPort = 53;

    /// <summary>The DNS-over-TLS port (RFC 7858).</summary>
    public const int DefaultTlsPort = 853;

    /// <summary>The host name upstream's default resolvers' certificates carry.</summary>
    public const string DefaultResolverHost = "anycast.uncensoreddns.org";

    /// <summary>
    /// Upstream's default resolvers (UncensoredDNS's anycast addresses), over TLS and checked
    /// against the system's roots as <see cref="DefaultResolverHost"/>: what the client asks when
    /// given no nameserver.
    /// </summary>
    public static IReadOnlyList<Nameserver> Defaults { get; } =
    [
        new(DnsProtocol.Tls, new IPEndPoint(IPAddress.Parse("2001:67c:28a4::"), DefaultTlsPort), DefaultResolverHost),
        new(DnsProtocol.Tls, new IPEndPoint(IPAddress.Parse("91.239.100.100"), DefaultTlsPort), DefaultResolverHost),
    ];

    /// <summary>What a nameserver looks like, for error messages.</summary>
    public const string Syntax =
        "udp:IP[:PORT] or tcp:IP[:PORT] (port 53 by default), or tls:IP[:PORT][!HOSTNAME][!AUTHENTICATOR] (port 853 by default; "
        + "the authenticator none, key-fp:…, cert-fp:… or trust-anchor:…); an IPv6 address with a port is written [::1]:5353";

    /// <summary>Reads <c>udp:IP[:PORT]</c>, <c>tcp:IP[:PORT]</c> or <c>tls:IP[:PORT][!HOSTNAME][!AUTHENTICATOR]</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Nameserver? nameserver, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        nameserver = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? text : text[..colon];
        DnsProtocol protocol;
        switch (scheme)
        {
            case "udp":
                protocol = DnsProtocol.Udp;
                break;
            case "tcp":
                protocol = DnsProtocol.Tcp;
                break;
            case "tls":
                return TryParseTls(text, text[(colon + 1)..], out nameserver, out error);
            default:
                error = $"nameserver '{text}': expected {Syntax}";
                return false;
        }
        var address = colon < 0 ? "" : text[(colon + 1)..];
        if (!TryParseEndPoint(address, DefaultPort, out var endPoint))
        {
            error = $"nameserver '{text}': '{address}' is no IP address with an optional port; expected {Syntax}";
            return false;
        }
        nameserver = new Nameserver(protocol, endPoint);
        error = null;
        return true;
    }

    // As upstream: after the address, '!' separates an optional host name (anything that is a host
    // name) from an optional authenticator (the rest).
    private static bool TryParseTls(string text, string rest, [NotNullWhen(true)] out Nameserver? nameserver, [NotNullWhen(false)] out string? error)
    {
        nameserver = null;
        var parts = rest.Split('!');
        if (!TryParseEndPoint(parts[0], DefaultTlsPort, out var endPoint))
        {
            error = $"nameserver '{text}': '{parts[0]}' is no IP address with an optional port; expected {Syntax}";
            return false;
        }
        string? host = null;
        var authenticatorText = "";
        if (parts.Length > 1)
        {
            if (IsHostName(parts[1]))
            {
                host = parts[1];
                authenticatorText = string.Join('!', parts[2..]);
            }
            else
            {
                authenticatorText = string.Join('!', parts[1..]);
            }
        }
        TlsAuthenticator? authenticator = null;
        if (authenticatorText.Length > 0 && !TlsAuthenticator.TryParse(authenticatorText, out authenticator, out var authenticatorError))
        {
            error = $"nameserver '{text}': {authenticatorError}";
            return false;
        }
        nameserver = new Nameserver(DnsProtocol.Tls, endPoint, host, authenticator);
        error = null;
        return true;
    }

    // A host name: dot-separated labels of letters, digits and inner hyphens, each 1 to 63 characters.
    private static bool IsHostName(string text) =>
        text.Length is > 0 and <= 253
        && text.TrimEnd('.').Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    /// <summary>Reads every nameserver of a list, or says which one is wrong.</summary>
    public static bool TryParseAll(
        IEnumerable<string> texts, [NotNullWhen(true)] out IReadOnlyList<Nameserver>? nameservers, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var parsed = new List<Nameserver>();
        foreach (var text in texts)
        {
            if (!TryParse(text.Trim(), out var nameserver, out error))
            {
                nameservers = null;
                return false;
            }
            parsed.Add(nameserver);
        }
        nameservers = parsed;
        error = null;
        return true;
    }

    private static bool TryParseEndPoint(string text, int defaultPort, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(text[1..close], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }
            var rest = text[(close + 1)..];
            if (rest.Length == 0)
            {
                endPoint = new IPEndPoint(v6, defaultPort);
                return true;
            }
            return rest.StartsWith(':') && TryParsePort(rest[1..], out var port) && (endPoint = new IPEndPoint(v6, port)) is not null;
        }
        if (IPAddress.TryParse(text, out var address) && (text.Contains('.', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)))
        {
            // A bare IPv4 or IPv6 address (an IPv6 one holds colons, so its port needs brackets).
            // IPAddress also reads "1.2" and other legacy IPv4 forms: take only dotted quads.
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
            {
                return false;
            }
            endPoint = new IPEndPoint(address, defaultPort);
            return true;
        }
        var lastColon = text.LastIndexOf(':');
        if (lastColon > 0 && IPAddress.TryParse(text[..lastColon], out var v4)
            && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text[..lastColon].Count(c => c == '.') == 3
            && TryParsePort(text[(lastColon + 1)..], out var v4Port))
        {
            endPoint = new IPEndPoint(v4, v4Port);
            return true;
        }
        return false;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    /// <summary>The nameserver in the syntax it was read from.</summary>
    public override string ToString()
    {
        var address = EndPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{EndPoint.Address}]:{EndPoint.Port}"
            : $"{EndPoint.Address}:{EndPoint.Port}";
        return Protocol switch
        {
            DnsProtocol.Udp => "udp:" + address,
            DnsProtocol.Tcp => "tcp:" + address,
            _ => "tls:" + address + (TlsHost is null ? "" : "!" + TlsHost) + (Authenticator is null ? "" : "!" + Authenticator),
        };
    }
}
