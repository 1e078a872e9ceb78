using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Udp;

/// <summary>
/// ICMP port unreachable for a datagram to a closed port (RFC 1122 3.2.2.1, RFC 4443 3.1), both families: only for
/// datagrams sent to one of our unicast addresses (never broadcast or multicast), at most
/// <see cref="Burst"/> at once and one more per <see cref="Refill"/> (a token bucket on the given clock, RFC 4443 2.4 f).
/// The quoted header is rebuilt from what the IP layer hands up: addresses, protocol, hop limit and length are the
/// original's (what a sender matches the error with); IPv4 identification, type of service and options are not kept.
/// </summary>
internal sealed class PortUnreachable(IIpLayer ip, TimeProvider time)
{
    /// <summary>Messages that may leave at once.</summary>
    public const int Burst = 10;

    /// <summary>The time that earns one more message.</summary>
    public static readonly TimeSpan Refill = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private double _tokens = Burst;
    private long _last = time.GetTimestamp();

    /// <summary>Answers the datagram <paramref name="udp"/> (header and payload) that came as <paramref name="packet"/>; false when it may not (not ours, rate limited).</summary>
    public bool TrySend(IpPacketInfo packet, ReadOnlySpan<byte> udp)
    {
        if (!IsOurUnicast(packet.Destination) || !TakeToken())
        {
            return false;
        }
        var v4 = packet.Source.AddressFamily == AddressFamily.InterNetwork;
        // IPv4 quotes the header and 8 bytes (RFC 792); IPv6 as much as fits the minimum MTU of 1280 (RFC 4443).
        var take = v4 ? Math.Min(8, udp.Length) : Math.Min(udp.Length, 1280 - 40 - 8 - 40);
        var headerLength = v4 ? Ipv4Header.MinLength : Ipv6Header.Length;
        var quoted = new byte[headerLength + take];
        var hopLimit = (byte)Math.Clamp(packet.HopLimit, 0, 255);
        if (v4)
        {
            new Ipv4Header(0, Ipv4Header.MinLength + udp.Length, 0, false, false, 0, hopLimit, IpProtocols.Udp,
                Addresses.V4(packet.Source), Addresses.V4(packet.Destination)).TryWrite(quoted);
        }
        else
        {
            new Ipv6Header(0, 0, udp.Length, IpProtocols.Udp, hopLimit, Addresses.V6(packet.Source), Addresses.V6(packet.Destination)).TryWrite(quoted);
        }
        udp[..take].CopyTo(quoted.AsSpan(headerLength));
        var length = IcmpHeader.Length + quoted.Length;
        var message = v4
            ? new IcmpReply(new IcmpHeader(IcmpHeader.DestinationUnreachableV4, IcmpHeader.PortUnreachableV4, 0), quoted)
            : new IcmpReply(
                new IcmpHeader(IcmpHeader.DestinationUnreachableV6, IcmpHeader.PortUnreachableV6, 0),
                quoted,
                Checksum.PseudoHeaderV6(Addresses.V6(packet.Destination), Addresses.V6(packet.Source), IpProtocols.Icmpv6, length));
        return ip.Write(packet.Destination, packet.Source, v4 ? IpProtocols.Icmp : IpProtocols.Icmpv6, length, message, IcmpReply.Writer) is null;
    }

    private bool IsOurUnicast(IPAddress destination)
    {
        foreach (var prefix in ip.ConfiguredAddresses)
        {
            if (prefix.Address.Equals(destination))
            {
                return true;
            }
        }
        return false;
    }

    private bool TakeToken()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (time.GetElapsedTime(_last, now) / Refill));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
