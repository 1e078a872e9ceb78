using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>Handles one accepted connection; the flow is closed when the returned task ends.</summary>
public delegate ValueTask TcpHandler(ITcpFlow flow);

/// <summary>
/// TCP over both IP versions (upstream's <c>Tcpip.Tcp.S</c> for <c>tcpv4v6</c>): connect out,
/// listen and unlisten per port.
/// </summary>
public interface ITcp
{
    /// <summary>
    /// Connects to <paramref name="destination"/>. Expected failures (refused, timed out) are results;
    /// <paramref name="timeout"/> bounds the handshake (null: the stack's own limit).
    /// </summary>
    ValueTask<TcpConnectResult> CreateConnectionAsync(
        IPEndPoint destination,
        TcpKeepalive? keepalive = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts connections on <paramref name="port"/> and runs <paramref name="handler"/> for each
    /// (upstream's <c>listen</c>). Null on success; listening again on a port replaces its handler.
    /// </summary>
    ListenError? Listen(int port, TcpHandler handler, TcpKeepalive? keepalive = null);

    /// <summary>Stops accepting on <paramref name="port"/>; open flows are left alone.</summary>
    void Unlisten(int port);

    /// <summary>Stops every listener and closes every open flow.</summary>
    ValueTask DisconnectAsync();
}
