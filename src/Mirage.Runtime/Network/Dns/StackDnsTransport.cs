using System.Buffers.Binary;
using System.Net;
using System.Threading.Channels;
using Mirage.Runtime.Entropy;
using Mirage.Runtime.Network.Streams;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// The DNS transport over a Mirage network stack (upstream's <c>Dns_client_mirage</c> transport):
/// UDP from a random port listened on the stack, TCP through the stack's connections.
/// </summary>
public sealed class StackDnsTransport(IStackV4V6 stack, IRandom random) : IDnsTransport
{
    private const int PortTries = 32;

    /// <inheritdoc/>
    public ValueTask<(IDnsDatagramSocket? Socket, string? Error)> OpenUdpAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        for (var i = 0; i < PortTries; i++)
        {
            var socket = new Datagrams(stack.Udp, server, RandomPort());
            if (stack.Udp.Listen(socket.Port, socket.OnDatagram) is null)
            {
                return ValueTask.FromResult<(IDnsDatagramSocket?, string?)>((socket, null));
            }
        }
        return ValueTask.FromResult<(IDnsDatagramSocket?, string?)>((null, $"no free UDP port after {PortTries} tries"));
    }

    /// <inheritdoc/>
    public async ValueTask<(Stream? Stream, string? Error)> ConnectTcpAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var result = await stack.Tcp.CreateConnectionAsync(server, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.Flow is { } flow ? (new FlowStream(flow), null) : (null, $"TCP to {server}: {result.Error}");
    }

    private int RandomPort()
    {
        Span<byte> octets = stackalloc byte[2];
        random.Fill(octets);
        return 1024 + (BinaryPrimitives.ReadUInt16BigEndian(octets) % (65536 - 1024));
    }

    private sealed class Datagrams(IUdp udp, IPEndPoint server, int port) : IDnsDatagramSocket
    {
        private readonly Channel<byte[]> _received = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });

        public int Port { get; } = port;

        // Only what the server sends counts; anything else on the port is dropped.
        public ValueTask OnDatagram(UdpDatagram datagram)
        {
            if (datagram.Source.Equals(server.Address) && datagram.SourcePort == server.Port)
            {
                _received.Writer.TryWrite(datagram.Payload.ToArray());
            }
            return ValueTask.CompletedTask;
        }

        public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
        {
            if (await udp.WriteAsync(server, datagram, sourcePort: Port, cancellationToken: cancellationToken).ConfigureAwait(false) is { } error)
            {
                throw new IOException($"UDP to {server}: {error}");
            }
        }

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var datagram = await _received.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var length = Math.Min(datagram.Length, buffer.Length);
            datagram.AsMemory(0, length).CopyTo(buffer);
            return length;
        }

        public ValueTask DisposeAsync()
        {
            udp.Unlisten(Port);
            _received.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
