using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Dns;

/// <summary>The DNS transport over the host's sockets (<c>System.Net.Sockets</c>).</summary>
public sealed class HostDnsTransport : IDnsTransport
{
    /// <summary>The one instance.</summary>
    public static HostDnsTransport Instance { get; } = new();

    private HostDnsTransport() { }

    /// <inheritdoc/>
    public ValueTask<(IDnsDatagramSocket? Socket, string? Error)> OpenUdpAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Connecting a UDP socket makes the kernel drop datagrams from anyone but the server.
            socket.Connect(server);
            return ValueTask.FromResult<(IDnsDatagramSocket?, string?)>((new Datagrams(socket), null));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return ValueTask.FromResult<(IDnsDatagramSocket?, string?)>((null, $"UDP to {server}: {e.Message}"));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<(Stream? Stream, string? Error)> ConnectTcpAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            return (new NetworkStream(socket, ownsSocket: true), null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, $"TCP to {server}: {e.Message}");
        }
    }

    private sealed class Datagrams(Socket socket) : IDnsDatagramSocket
    {
        public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) =>
            await socket.SendAsync(datagram, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
            socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
