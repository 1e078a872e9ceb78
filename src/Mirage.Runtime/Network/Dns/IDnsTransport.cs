using System.Net;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// How the DNS client reaches nameservers: a network stack's UDP and TCP. Failures to open or
/// connect are results (null with a reason), not exceptions.
/// </summary>
public interface IDnsTransport
{
    /// <summary>A UDP socket bound to a fresh local port that exchanges datagrams with <paramref name="server"/> only.</summary>
    ValueTask<(IDnsDatagramSocket? Socket, string? Error)> OpenUdpAsync(IPEndPoint server, CancellationToken cancellationToken);

    /// <summary>A TCP connection to <paramref name="server"/>, as a stream.</summary>
    ValueTask<(Stream? Stream, string? Error)> ConnectTcpAsync(IPEndPoint server, CancellationToken cancellationToken);
}

/// <summary>A UDP socket talking to one server.</summary>
public interface IDnsDatagramSocket : IAsyncDisposable
{
    /// <summary>Sends one datagram to the server.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken);

    /// <summary>The next datagram from the server, copied into <paramref name="buffer"/>; its length.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
