using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// UDP over the host's sockets (upstream's <c>Udpv4v6_socket</c>). A write from a listened port goes
/// out of that port's socket, so replies come from the port the peer talked to.
/// </summary>
public sealed class SocketUdp : IUdp
{
    private static readonly LogSource Log = new("udpv4v6-socket");
    private const int MaxDatagram = 65_535;

    private readonly SocketStackOptions _options;
    private readonly ConcurrentDictionary<int, SocketListener> _listeners = new();
    private readonly ConcurrentDictionary<AddressFamily, Socket> _ephemeral = new();

    private SocketUdp(SocketStackOptions options) => _options = options;

    /// <summary>Makes the UDP layer of a socket stack (upstream's <c>Udpv4v6_socket.connect</c>).</summary>
    public static SocketUdp Connect(SocketStackOptions options) => new(options);

    /// <inheritdoc />
    public ListenError? Listen(int port, UdpHandler handler)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        if (_listeners.TryGetValue(port, out var existing))
        {
            existing.UdpHandler = handler;
            return null;
        }
        var bound = SocketListener.Bind(_options, port, SocketType.Dgram, ProtocolType.Udp, out var error);
        if (bound is null)
        {
            Log.Error($"cannot listen on UDP port {port}: {SocketErrors.Describe(error!.Value)}");
            return error;
        }
        bound.UdpHandler = handler;
        _listeners[port] = bound;
        foreach (var socket in bound.Sockets)
        {
            var level = socket.AddressFamily == AddressFamily.InterNetwork ? SocketOptionLevel.IP : SocketOptionLevel.IPv6;
            socket.SetSocketOption(level, SocketOptionName.PacketInformation, true);
            _ = ReceiveLoopAsync(bound, socket);
        }
        return null;
    }

    private static async Task ReceiveLoopAsync(SocketListener listener, Socket socket)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(IPAddress.Any, 0)
            : new IPEndPoint(IPAddress.IPv6Any, 0);
        try
        {
            while (!listener.Stopped)
            {
                SocketReceiveMessageFromResult received;
                try
                {
                    received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue; // an ICMP error for an earlier send: not a reason to stop
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    if (!listener.Stopped)
                    {
                        Log.Error($"receiving on UDP port {listener.Port} failed: {e.Message}");
                    }
                    return;
                }
                var source = (IPEndPoint)received.RemoteEndPoint;
                var datagram = new UdpDatagram(
                    source.Address, received.PacketInformation.Address, source.Port, buffer.AsMemory(0, received.ReceivedBytes));
                try
                {
                    await listener.UdpHandler(datagram).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.Error($"handler of UDP port {listener.Port} failed on a datagram from {source}: {e.Message}");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async ValueTask<UdpError?> WriteAsync(
        IPEndPoint destination,
        ReadOnlyMemory<byte> payload,
        IPAddress? source = null,
        int? sourcePort = null,
        int? ttl = null,
        CancellationToken cancellationToken = default)
    {
        if (!_options.Allows(destination.AddressFamily))
        {
            return UdpError.Unreachable;
        }
        Socket? oneShot = null;
        Socket socket;
        if (source is null && ttl is null && sourcePort is { } port && ListenerSocket(port, destination.AddressFamily) is { } listening)
        {
            socket = listening;
        }
        else if (source is null && ttl is null && sourcePort is null)
        {
            socket = _ephemeral.GetOrAdd(destination.AddressFamily, family => new Socket(family, SocketType.Dgram, ProtocolType.Udp));
        }
        else
        {
            // A chosen source address, port or TTL: a socket for this datagram alone.
            oneShot = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket = oneShot;
        }
        try
        {
            if (oneShot is not null)
            {
                if (ttl is { } t)
                {
                    oneShot.Ttl = (short)t;
                }
                var any = destination.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
                oneShot.Bind(new IPEndPoint(source ?? any, sourcePort ?? 0));
            }
            await socket.SendToAsync(payload, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
            SocketMetrics.DatagramsSent.Add(1);
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            return UdpError.TooLarge;
        }
        catch (SocketException)
        {
            return UdpError.Unreachable;
        }
        finally
        {
            oneShot?.Dispose();
        }
    }

    private Socket? ListenerSocket(int port, AddressFamily family) =>
        _listeners.TryGetValue(port, out var listener)
            ? listener.Sockets.FirstOrDefault(s => s.AddressFamily == family)
            : null;

    /// <inheritdoc />
    public void Unlisten(int port)
    {
        if (_listeners.TryRemove(port, out var listener))
        {
            listener.Stop();
        }
    }

    /// <inheritdoc />
    public ValueTask DisconnectAsync()
    {
        foreach (var port in _listeners.Keys)
        {
            Unlisten(port);
        }
        foreach (var socket in _ephemeral.Values)
        {
            socket.Dispose();
        }
        _ephemeral.Clear();
        return ValueTask.CompletedTask;
    }
}
