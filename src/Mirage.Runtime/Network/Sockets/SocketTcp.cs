using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// TCP over the host's sockets (upstream's <c>Tcpv4v6_socket</c>): each listened port binds the
/// configured IPv4 and IPv6 addresses (two sockets, IPv6 without dual mode, as upstream does).
/// </summary>
public sealed class SocketTcp : ITcp
{
    internal static readonly LogSource Log = new("tcpv4v6-socket");

    private readonly SocketStackOptions _options;
    private readonly ConcurrentDictionary<int, SocketListener> _listeners = new();
    private readonly ConcurrentDictionary<SocketTcpFlow, byte> _flows = new();

    private SocketTcp(SocketStackOptions options) => _options = options;

    /// <summary>Makes the TCP layer of a socket stack (upstream's <c>Tcpv4v6_socket.connect</c>).</summary>
    public static SocketTcp Connect(SocketStackOptions options) => new(options);

    /// <summary>The options the layer was connected with.</summary>
    public SocketStackOptions Options => _options;

    /// <inheritdoc />
    public async ValueTask<TcpConnectResult> CreateConnectionAsync(
        IPEndPoint destination,
        TcpKeepalive? keepalive = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (!_options.Allows(destination.AddressFamily))
        {
            return TcpConnectResult.Failed(TcpError.Unreachable);
        }
        var socket = new Socket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            deadline.CancelAfter(t);
        }
        try
        {
            BindSource(socket, destination.AddressFamily);
            await socket.ConnectAsync(destination, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return TcpConnectResult.Failed(TcpError.Timeout);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return TcpConnectResult.Failed(SocketErrors.ToTcpError(e.SocketErrorCode));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        ApplyKeepalive(socket, keepalive);
        return TcpConnectResult.Connected(Track(new SocketTcpFlow(socket, _options.ReadBufferSize)));
    }

    private void BindSource(Socket socket, AddressFamily family)
    {
        var source = family == AddressFamily.InterNetwork ? _options.Ipv4Address : _options.Ipv6?.Address;
        if (source is not null && !source.Equals(IPAddress.Any) && !source.Equals(IPAddress.IPv6Any))
        {
            socket.Bind(new IPEndPoint(source, 0));
        }
    }

    /// <inheritdoc />
    public ListenError? Listen(int port, TcpHandler handler, TcpKeepalive? keepalive = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (_listeners.TryGetValue(port, out var existing))
        {
            existing.Handler = handler;
            existing.Keepalive = keepalive;
            return null;
        }
        var bound = SocketListener.Bind(_options, port, SocketType.Stream, ProtocolType.Tcp, out var error);
        if (bound is null)
        {
            Log.Error($"cannot listen on TCP port {port}: {SocketErrors.Describe(error!.Value)}");
            return error;
        }
        bound.Handler = handler;
        bound.Keepalive = keepalive;
        _listeners[port] = bound;
        foreach (var socket in bound.Sockets)
        {
            socket.Listen(512);
            _ = AcceptLoopAsync(bound, socket);
        }
        Log.Debug($"listening on TCP port {port}");
        return null;
    }

    private async Task AcceptLoopAsync(SocketListener listener, Socket socket)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (listener.Stopped)
                {
                    return;
                }
                if (e is SocketException s && s.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
                {
                    continue; // the peer gave up before we accepted: not our error
                }
                Log.Error($"accepting on TCP port {listener.Port} failed: {e.Message}");
                return;
            }
            ApplyKeepalive(accepted, listener.Keepalive);
            _ = RunHandlerAsync(listener, Track(new SocketTcpFlow(accepted, _options.ReadBufferSize)));
        }
    }

    private async Task RunHandlerAsync(SocketListener listener, SocketTcpFlow flow)
    {
        // Yield so that the accept loop goes on while this handler runs.
        await Task.Yield();
        try
        {
            await listener.Handler(flow).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Error($"handler of TCP port {listener.Port} failed on {flow.Destination}: {e.Message}");
        }
        finally
        {
            await flow.CloseAsync().ConfigureAwait(false);
            _flows.TryRemove(flow, out _);
        }
    }

    private SocketTcpFlow Track(SocketTcpFlow flow)
    {
        _flows[flow] = 0;
        return flow;
    }

    private static void ApplyKeepalive(Socket socket, TcpKeepalive? keepalive)
    {
        if (keepalive is null)
        {
            return;
        }
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Seconds(keepalive.After));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Seconds(keepalive.Interval));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Math.Max(1, keepalive.Probes));
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    /// <inheritdoc />
    public void Unlisten(int port)
    {
        if (_listeners.TryRemove(port, out var listener))
        {
            listener.Stop();
            Log.Debug($"stopped listening on TCP port {port}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisconnectAsync()
    {
        foreach (var port in _listeners.Keys)
        {
            Unlisten(port);
        }
        foreach (var flow in _flows.Keys)
        {
            await flow.CloseAsync().ConfigureAwait(false);
        }
        _flows.Clear();
    }
}
