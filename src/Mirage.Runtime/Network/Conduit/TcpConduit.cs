using System.Net;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Network.Conduit;

/// <summary>
/// Connections in clear over a stack's TCP (upstream's <c>Conduit_mirage.TCP</c>, what
/// <c>conduit_direct stack</c> makes). It refuses TLS: <see cref="TlsConduit"/> adds it.
/// </summary>
public sealed class TcpConduit(IStackV4V6 stack) : IConduit
{
    private static readonly LogSource Log = new("conduit");

    /// <summary>The connect code of <c>conduit_direct stack</c>.</summary>
    public static TcpConduit Connect(IStackV4V6 stack) => new(stack);

    /// <inheritdoc />
    public IStackV4V6 Stack { get; } = stack;

    /// <inheritdoc />
    public bool SupportsTls => false;

    /// <inheritdoc />
    public async ValueTask<ConduitConnectResult> ConnectAsync(
        IPEndPoint destination,
        ConduitClientTls? tls = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (tls is not null)
        {
            return new(null, ConduitError.TlsUnavailable($"the connection to {tls.Host} ({destination})"));
        }
        var connected = await Stack.Tcp.CreateConnectionAsync(destination, timeout: timeout, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return connected.Flow is { } flow
            ? new(flow, null)
            : new(null, new ConduitError(
                ConduitErrorKind.Connect,
                $"cannot connect to {destination}: {Describe(connected.Error ?? TcpError.Refused)}",
                Tcp: connected.Error));
    }

    /// <inheritdoc />
    public ConduitError? Listen(int port, TcpHandler handler, ConduitServerTls? tls = null)
    {
        if (tls is not null)
        {
            return ConduitError.TlsUnavailable($"the TLS endpoint on TCP port {port}");
        }
        if (Stack.Tcp.Listen(port, handler) is not { } error)
        {
            Log.Debug($"listening on TCP port {port}");
            return null;
        }
        return new ConduitError(ConduitErrorKind.Listen, $"cannot listen on TCP port {port}: {Describe(error)}", Listen: error);
    }

    /// <inheritdoc />
    public void Unlisten(int port) => Stack.Tcp.Unlisten(port);

    /// <summary>The words for <paramref name="error"/>.</summary>
    public static string Describe(TcpError error) => error switch
    {
        TcpError.Timeout => "timed out",
        TcpError.Unreachable => "unreachable",
        _ => "refused",
    };

    /// <summary>The words for <paramref name="error"/>, as the HTTP server and the stack say them.</summary>
    public static string Describe(ListenError error) => error switch
    {
        ListenError.AddressInUse => "address already in use",
        ListenError.AccessDenied => "permission denied",
        _ => "address not available",
    };
}
