using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>IP protocol numbers the stack handles.</summary>
public static class IpProtocols
{
    /// <summary>ICMP for IPv4.</summary>
    public const byte Icmp = 1;

    /// <summary>TCP.</summary>
    public const byte Tcp = 6;

    /// <summary>UDP.</summary>
    public const byte Udp = 17;

    /// <summary>ICMP for IPv6.</summary>
    public const byte Icmpv6 = 58;
}

/// <summary>What the IP layer tells a transport about one received packet.</summary>
public readonly record struct IpPacketInfo(IPAddress Source, IPAddress Destination, byte Protocol, int HopLimit);

/// <summary>Handles the payload of one received (reassembled) IP packet, lent until the task completes.</summary>
public delegate ValueTask IpHandler(IpPacketInfo packet, ReadOnlyMemory<byte> payload);

/// <summary>
/// The IP layer as transports (UDP, TCP) sit on it (upstream's <c>Tcpip.Ip.S</c> with <c>input</c> and
/// <c>write</c>): it routes, fragments, and hands received payloads to the protocol's listener.
/// </summary>
public interface IIpLayer : IIp
{
    /// <summary>Routes received packets of <paramref name="protocol"/> to <paramref name="handler"/>.</summary>
    void Listen(byte protocol, IpHandler handler);

    /// <summary>
    /// Sends a packet of <paramref name="protocol"/> to <paramref name="destination"/> whose payload,
    /// <paramref name="payloadSize"/> bytes, <paramref name="fill"/> writes (fragmented when larger than the
    /// path's MTU, where the family allows). The transport's checksum covers the pseudo-header of
    /// <paramref name="source"/> (null: <see cref="IIp.Source"/>) and <paramref name="destination"/>.
    /// Null on success.
    /// </summary>
    NetifError? Write<TState>(
        IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null);
}
