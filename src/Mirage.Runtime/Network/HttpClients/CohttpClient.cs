using System.Net.Http;
using Mirage.Runtime.Network.Conduit;
using Mirage.Runtime.Network.Resolver;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.HttpClients;

/// <summary>
/// Upstream's <c>cohttp_client resolver conduit</c>: an <see cref="HttpClient"/> speaking HTTP/1.1
/// that looks hosts up with the resolver and connects through the conduit. https needs a conduit
/// with TLS (<c>conduit_direct ~tls:true</c>), as upstream; the server is checked against the
/// system roots or the given authorities.
/// </summary>
public static class CohttpClient
{
    /// <summary>
    /// The connect code of <c>cohttp_client</c>; <paramref name="tlsCa"/> is <c>--tls-ca</c> (null:
    /// the system roots).
    /// </summary>
    /// <exception cref="ArgumentException">The <c>--tls-ca</c> file cannot be read or holds no certificate.</exception>
    public static HttpClient Connect(IResolver resolver, IConduit conduit, string? tlsCa, string group = "") =>
        Create(resolver, conduit, HttpClientArgs.Trust(tlsCa, group));

    /// <summary>A client over <paramref name="resolver"/> and <paramref name="conduit"/>, trusting <paramref name="trust"/>.</summary>
    public static HttpClient Create(IResolver resolver, IConduit conduit, TlsTrust trust)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(conduit);
        // The conduit gives a connection in clear; the handler does TLS over it, so that ALPN, the
        // host name and the trust are its own. The conduit decides whether TLS is allowed at all.
        ConnectEndPoint connect = async (destination, cancellationToken) =>
        {
            var connected = await conduit.ConnectAsync(destination, cancellationToken: cancellationToken).ConfigureAwait(false);
            return connected.IsOk ? FlowConnection.Connected(connected.Flow)
                : connected.Error.Tcp is { } tcp ? FlowConnection.Failed(TcpConduit.Describe(tcp))
                : FlowConnection.Failed(connected.Error.Message);
        };
        var tlsUnavailable = conduit.SupportsTls ? null : ConduitError.TlsUnavailable("https").Message;
        return FlowHttpClients.Create(resolver, connect, trust, HttpProtocolPolicy.Http11, tlsUnavailable);
    }
}
