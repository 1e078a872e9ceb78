using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>The bound sockets of one listened port (one per enabled address family).</summary>
internal sealed class SocketListener
{
    private SocketListener(int port, IReadOnlyList<Socket> sockets)
    {
        Port = port;
        Sockets = sockets;
    }

    public int Port { get; }

    public IReadOnlyList<Socket> Sockets { get; }

    public TcpHandler Handler { get; set; } = _ => ValueTask.CompletedTask;

    public UdpHandler UdpHandler { get; set; } = _ => ValueTask.CompletedTask;

    public TcpKeepalive? Keepalive { get; set; }

    public bool Stopped { get; private set; }

    /// <summary>
    /// Binds <paramref name="port"/> on the configured addresses. Either every family binds or none
    /// does: the error of the first that fails is returned.
    /// </summary>
    public static SocketListener? Bind(
        SocketStackOptions options, int port, SocketType type, ProtocolType protocol, out ListenError? error)
    {
        var sockets = new List<Socket>(2);
        error = null;
        foreach (var address in new[] { options.Ipv4Address, options.Ipv6Address })
        {
            if (address is null)
            {
                continue;
            }
            var socket = new Socket(address.AddressFamily, type, protocol);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = false;
                }
                socket.Bind(new IPEndPoint(address, port));
                sockets.Add(socket);
            }
            catch (SocketException e) when (
                address.AddressFamily == AddressFamily.InterNetworkV6
                && e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable
                && options.Ipv6 is null && sockets.Count > 0)
            {
                // No IPv6 on this host and none asked for explicitly: serve IPv4 alone.
                socket.Dispose();
            }
            catch (SocketException e)
            {
                socket.Dispose();
                foreach (var s in sockets)
                {
                    s.Dispose();
                }
                error = SocketErrors.ToListenError(e.SocketErrorCode);
                return null;
            }
        }
        return new SocketListener(port, sockets);
    }

    public void Stop()
    {
        Stopped = true;
        foreach (var socket in Sockets)
        {
            socket.Dispose();
        }
    }
}
