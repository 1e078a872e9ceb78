using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.Conduit;

/// <summary>
/// TLS on top of another conduit (upstream's <c>Conduit_mirage.TLS</c>; <c>conduit_direct ~tls:true
/// stack</c> is this over a <see cref="TcpConduit"/>). Connections in clear pass through; TLS ones
/// go through <see cref="TlsFlows"/>, with the server's certificate checked.
/// </summary>
public sealed class TlsConduit(IConduit inner) : IConduit
{
    private static readonly LogSource Log = new("conduit");

    /// <summary>How long a client may take over its handshake when the endpoint does not say (Kestrel's default).</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The connect code of the TLS layer of <c>conduit_direct ~tls:true</c>.</summary>
    public static TlsConduit Connect(IConduit inner) => new(inner);

    /// <inheritdoc />
    public IStackV4V6 Stack => inner.Stack;

    /// <inheritdoc />
    public bool SupportsTls => true;

    /// <inheritdoc />
    public async ValueTask<ConduitConnectResult> ConnectAsync(
        IPEndPoint destination,
        ConduitClientTls? tls = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var connected = await inner.ConnectAsync(destination, null, timeout, cancellationToken).ConfigureAwait(false);
        if (tls is null || !connected.IsOk)
        {
            return connected;
        }
        var secured = await TlsFlows.ClientAsync(
            connected.Flow, tls.Host, tls.Alpn, tls.Trust, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (secured.Flow is { } flow)
        {
            return new(flow, null);
        }
        await connected.Flow.CloseAsync().ConfigureAwait(false);
        return new(null, new ConduitError(ConduitErrorKind.TlsHandshake, $"{secured.Error} (host {tls.Host})"));
    }

    /// <inheritdoc />
    public ConduitError? Listen(int port, TcpHandler handler, ConduitServerTls? tls = null) =>
        tls is null ? inner.Listen(port, handler) : inner.Listen(port, flow => HandshakeThenAsync(flow, tls, handler));

    /// <inheritdoc />
    public void Unlisten(int port) => inner.Unlisten(port);

    private static async ValueTask HandshakeThenAsync(ITcpFlow flow, ConduitServerTls tls, TcpHandler handler)
    {
        using var deadline = new CancellationTokenSource(tls.HandshakeTimeout ?? DefaultHandshakeTimeout);
        TlsResult secured;
        try
        {
            secured = await TlsFlows.ServerAsync(flow, tls.Certificate, tls.Alpn, deadline.Token, tls.Intermediates).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            secured = new TlsResult(null, $"TLS handshake with {flow.Destination} timed out");
        }
        if (secured.Flow is not { } secure)
        {
            Log.Warning(secured.Error ?? "TLS handshake failed");
            return; // the stack closes the flow
        }
        await using (secure.ConfigureAwait(false))
        {
            await handler(secure).ConfigureAwait(false);
        }
    }
}
