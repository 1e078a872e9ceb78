using System.Net;
using System.Net.Http;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network.Resolver;
using Mirage.Runtime.Network.Streams;

using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.HttpClients;

/// <summary>Connects to one address of a host.</summary>
public delegate ValueTask<FlowConnection> ConnectEndPoint(IPEndPoint destination, CancellationToken cancellationToken);

/// <summary>
/// <see cref="HttpClient"/>s whose connections go through a Mirage stack: a
/// <see cref="SocketsHttpHandler"/> whose <see cref="SocketsHttpHandler.ConnectCallback"/> opens a
/// flow (through mimic, or a resolver and a TCP layer) and hands it over as a stream. The handler
/// does HTTP/1.1, h2 and TLS (ALPN, certificate and host name checks against a
/// <see cref="TlsTrust"/>) over that stream itself.
/// </summary>
public static class FlowHttpClients
{
    private static readonly LogSource Log = new("http-client");

    /// <summary>
    /// A client connecting with <paramref name="connect"/> (host name or IP literal, port). When
    /// <paramref name="tlsUnavailable"/> is given, https requests fail with it as the reason (a
    /// conduit made without TLS).
    /// </summary>
    public static HttpClient Create(ConnectHost connect, TlsTrust trust, HttpProtocolPolicy policy, string? tlsUnavailable = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(trust);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
                if (tlsUnavailable is not null && context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
                {
                    throw new FlowConnectException(host, port, tlsUnavailable);
                }
                var connection = await connect(host, port, cancellationToken).ConfigureAwait(false);
                if (connection.Flow is not { } flow)
                {
                    Log.Debug($"{host}:{port}: {connection.Error}");
                    throw new FlowConnectException(host, port, connection.Error ?? "no connection");
                }
                return new FlowStream(flow);
            },
            // Our stack does the lookups; the handler must not ask the host's resolver or proxy.
            UseProxy = false,
            AllowAutoRedirect = false,
            EnableMultipleHttp2Connections = true,
        };
        trust.ApplyTo(handler.SslOptions);
        // Asking for 2.0 "or lower" makes the handler offer h2 and http/1.1 by ALPN over TLS and
        // speak HTTP/1.1 in clear (h2c needs RequestVersionExact).
        return new HttpClient(handler, disposeHandler: true)
        {
            DefaultRequestVersion = policy == HttpProtocolPolicy.Http2ByAlpn ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>
    /// A client that looks hosts up with <paramref name="resolve"/> and connects to their addresses
    /// in order with <paramref name="connect"/> until one answers (upstream's cohttp client over a
    /// resolver and a conduit).
    /// </summary>
    public static HttpClient Create(
        IResolver resolve, ConnectEndPoint connect, TlsTrust trust, HttpProtocolPolicy policy, string? tlsUnavailable = null)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(connect);
        return Create(ResolvingConnect(resolve, connect), trust, policy, tlsUnavailable);
    }

    /// <summary>Looks the host up, then tries its addresses one after the other.</summary>
    public static ConnectHost ResolvingConnect(IResolver resolve, ConnectEndPoint connect) =>
        async (host, port, cancellationToken) =>
        {
            if (port is < 1 or > 65535)
            {
                return FlowConnection.Failed($"the port {port} is not between 1 and 65535");
            }
            var resolved = await resolve.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (resolved.Addresses is not { } addresses)
            {
                return FlowConnection.Failed(resolved.Error ?? $"{host} has no address");
            }
            var failures = new List<string>();
            foreach (var address in addresses)
            {
                var destination = new IPEndPoint(address, port);
                var result = await connect(destination, cancellationToken).ConfigureAwait(false);
                if (result.Flow is not null)
                {
                    return result;
                }
                failures.Add($"{destination}: {result.Error}");
            }
            return FlowConnection.Failed(string.Join("; ", failures));
        };
}

/// <summary>
/// Thrown by the connect callback of a <see cref="FlowHttpClients"/> client when no flow could be
/// made; <see cref="HttpClient"/> hands it on as the inner exception of its
/// <see cref="HttpRequestException"/>.
/// </summary>
public sealed class FlowConnectException(string host, int port, string reason)
    : IOException($"cannot connect to {host}:{port}: {reason}")
{
    /// <summary>The host asked for.</summary>
    public string Host { get; } = host;

    /// <summary>The port asked for.</summary>
    public int Port { get; } = port;

    /// <summary>Why no flow could be made.</summary>
    public string Reason { get; } = reason;
}
