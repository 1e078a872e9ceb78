using System.Diagnostics.Metrics;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>What the host-socket stack publishes (meter <c>Mirage.Sockets</c>), for the monitoring devices and any .NET listener.</summary>
internal static class SocketMetrics
{
    private static readonly Meter Meter = new("Mirage.Sockets");

    /// <summary>TCP flows opened, connected or accepted.</summary>
    public static readonly Counter<long> FlowsOpened = Meter.CreateCounter<long>("mirage.sockets.tcp.flows_opened", "{flow}", "TCP flows opened (connected or accepted) on host sockets");

    /// <summary>Bytes read from TCP flows.</summary>
    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("mirage.sockets.tcp.received", "By", "Bytes received on TCP flows over host sockets");

    /// <summary>Bytes written to TCP flows.</summary>
    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("mirage.sockets.tcp.sent", "By", "Bytes sent on TCP flows over host sockets");

    /// <summary>UDP datagrams sent.</summary>
    public static readonly Counter<long> DatagramsSent = Meter.CreateCounter<long>("mirage.sockets.udp.datagrams_sent", "{datagram}", "UDP datagrams sent on host sockets");
}

/// <summary>A socket's stream that counts the bytes through it into <see cref="SocketMetrics"/>.</summary>
internal sealed class MeteredNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: false)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        SocketMetrics.BytesReceived.Add(read);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = base.Read(buffer);
        SocketMetrics.BytesReceived.Add(read);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        SocketMetrics.BytesSent.Add(buffer.Length);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        SocketMetrics.BytesSent.Add(buffer.Length);
    }
}
