using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>
/// One received datagram: who sent it, to which of our addresses, and its payload (lent to the
/// callback: copy it to keep it).
/// </summary>
public readonly record struct UdpDatagram(IPAddress Source, IPAddress Destination, int SourcePort, ReadOnlyMemory<byte> Payload);

/// <summary>Handles one datagram received on a listened port (upstream's <c>Udp.S.callback</c>).</summary>
public delegate ValueTask UdpHandler(UdpDatagram datagram);

/// <summary>Why a datagram could not be sent.</summary>
public enum UdpError
{
    /// <summary>No route to the destination, or the address family is disabled.</summary>
    Unreachable,

    /// <summary>The datagram is larger than the path allows.</summary>
    TooLarge,
}

/// <summary>UDP over both IP versions (upstream's <c>Tcpip.Udp.S</c> for <c>udpv4v6</c>).</summary>
public interface IUdp
{
    /// <summary>Runs <paramref name="handler"/> for each datagram to <paramref name="port"/>. Null on success.</summary>
    ListenError? Listen(int port, UdpHandler handler);

    /// <summary>Stops listening on <paramref name="port"/>.</summary>
    void Unlisten(int port);

    /// <summary>
    /// Sends <paramref name="payload"/> to <paramref name="destination"/>, from <paramref name="sourcePort"/>
    /// (null: an ephemeral port) and optionally a chosen <paramref name="source"/> address. Null on success.
    /// </summary>
    ValueTask<UdpError?> WriteAsync(
        IPEndPoint destination,
        ReadOnlyMemory<byte> payload,
        IPAddress? source = null,
        int? sourcePort = null,
        int? ttl = null,
        CancellationToken cancellationToken = default);

    /// <summary>Stops every listener.</summary>
    ValueTask DisconnectAsync();
}
