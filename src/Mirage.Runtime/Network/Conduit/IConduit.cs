using System.Net;

namespace Mirage.Runtime.Network.Conduit;

/// <summary>
/// Connections over a stack, in clear or with TLS (upstream's <c>Conduit_mirage</c>, from
/// <c>conduit_direct</c>): what an HTTP server or client is given instead of a bare stack, so that
/// whether TLS is at hand is decided in the config. A conduit without TLS refuses TLS endpoints.
/// </summary>
public interface IConduit
{
    /// <summary>The stack underneath.</summary>
    IStackV4V6 Stack { get; }

    /// <summary>Whether this conduit speaks TLS (<c>conduit_direct ~tls:true</c>).</summary>
    bool SupportsTls { get; }

    /// <summary>
    /// Connects to <paramref name="destination"/>, then, when <paramref name="tls"/> is given, starts
    /// TLS towards its host, with the certificate checked. Expected failures are results.
    /// </summary>
    ValueTask<ConduitConnectResult> ConnectAsync(
        IPEndPoint destination,
        ConduitClientTls? tls = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts connections on <paramref name="port"/> and runs <paramref name="handler"/> for each, in
    /// clear or, when <paramref name="tls"/> is given, after a TLS handshake (a failed handshake is
    /// logged and the connection closed). Null on success.
    /// </summary>
    ConduitError? Listen(int port, TcpHandler handler, ConduitServerTls? tls = null);

    /// <summary>Stops accepting on <paramref name="port"/>.</summary>
    void Unlisten(int port);
}
