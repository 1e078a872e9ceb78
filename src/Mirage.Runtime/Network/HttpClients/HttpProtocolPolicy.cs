namespace Mirage.Runtime.Network.HttpClients;

/// <summary>Which HTTP versions a client offers.</summary>
public enum HttpProtocolPolicy
{
    /// <summary>HTTP/1.1 only, in clear and over TLS (upstream's cohttp).</summary>
    Http11,

    /// <summary>
    /// h2 and http/1.1 offered by ALPN over TLS, HTTP/1.1 in clear (upstream's <c>alpn_client</c>):
    /// requests ask for 2.0 with <see cref="System.Net.Http.HttpVersionPolicy.RequestVersionOrLower"/>.
    /// </summary>
    Http2ByAlpn,
}
