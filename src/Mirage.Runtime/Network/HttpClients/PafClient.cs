using System.Net.Http;

namespace Mirage.Runtime.Network.HttpClients;

/// <summary>
/// Upstream's <c>paf_client</c> (<c>Http_mirage_client</c>): an <see cref="HttpClient"/> whose
/// connections go through mimic, offering h2 and http/1.1 by ALPN over TLS.
/// </summary>
public static class PafClient
{
    /// <summary>
    /// The connect code of <c>paf_client</c>: the TCP layer is a functor argument for the ordering
    /// only, as upstream; <paramref name="tlsCa"/> is <c>--tls-ca</c> (null: the system roots).
    /// </summary>
    /// <exception cref="ArgumentException">The <c>--tls-ca</c> file cannot be read or holds no certificate.</exception>
    public static HttpClient Connect(ITcp tcp, Mimic.Mimic mimic, string? tlsCa, string group = "")
    {
        ArgumentNullException.ThrowIfNull(tcp);
        ArgumentNullException.ThrowIfNull(mimic);
        return FlowHttpClients.Create(mimic.AsConnectHost(), HttpClientArgs.Trust(tlsCa, group), HttpProtocolPolicy.Http2ByAlpn);
    }
}
