using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>The fixed IPv6 header (RFC 8200 §3); addresses are 128-bit numbers, first octet highest.</summary>
public readonly record struct Ipv6Header(byte TrafficClass, uint FlowLabel, int PayloadLength, byte NextHeader, byte HopLimit, UInt128 Source, UInt128 Destination)
{
    /// <summary>The header's length.</summary>
    public const int Length = 40;

    private const int PayloadLengthOffset = 4, NextHeaderOffset = 6, HopLimitOffset = 7, SourceOffset = 8, DestinationOffset = 24;

    /// <summary>Reads the header; false when it is not IPv6 or the payload length runs past the buffer.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Length || packet[0] >> 4 != 6)
        {
            return false;
        }
        var first = BinaryPrimitives.ReadUInt32BigEndian(packet);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[PayloadLengthOffset..]);
        if (Length + payloadLength > packet.Length)
        {
            return false;
        }
        header = new Ipv6Header(
            (byte)(first >> 20),
            first & 0xF_FFFF,
            payloadLength,
            packet[NextHeaderOffset],
            packet[HopLimitOffset],
            BinaryPrimitives.ReadUInt128BigEndian(packet[SourceOffset..]),
            BinaryPrimitives.ReadUInt128BigEndian(packet[DestinationOffset..]));
        return true;
    }

    /// <summary>Writes the header at the start of <paramref name="packet"/>.</summary>
    public bool TryWrite(Span<byte> packet)
    {
        if (packet.Length < Length || PayloadLength is < 0 or > ushort.MaxValue)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt32BigEndian(packet, (6u << 28) | ((uint)TrafficClass << 20) | (FlowLabel & 0xF_FFFF));
        BinaryPrimitives.WriteUInt16BigEndian(packet[PayloadLengthOffset..], (ushort)PayloadLength);
        packet[NextHeaderOffset] = NextHeader;
        packet[HopLimitOffset] = HopLimit;
        BinaryPrimitives.WriteUInt128BigEndian(packet[SourceOffset..], Source);
        BinaryPrimitives.WriteUInt128BigEndian(packet[DestinationOffset..], Destination);
        return true;
    }
}

/// <summary>The IPv6 Fragment extension header (RFC 8200 §4.5); <see cref="Offset"/> is in bytes.</summary>
public readonly record struct Ipv6FragmentHeader(byte NextHeader, int Offset, bool MoreFragments, uint Identification)
{
    /// <summary>The header's length.</summary>
    public const int Length = 8;

    /// <summary>Its next-header number.</summary>
    public const byte Protocol = 44;

    /// <summary>Reads a fragment header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Ipv6FragmentHeader header)
    {
        header = default;
        if (data.Length < Length)
        {
            return false;
        }
        var offsetAndFlag = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        header = new Ipv6FragmentHeader(data[0], offsetAndFlag & 0xFFF8, (offsetAndFlag & 1) != 0, BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
        return true;
    }

    /// <summary>Writes the header at the start of <paramref name="data"/>.</summary>
    public bool TryWrite(Span<byte> data)
    {
        if (data.Length < Length || (Offset & 7) != 0 || Offset > 0xFFF8)
        {
            return false;
        }
        data[0] = NextHeader;
        data[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], (ushort)(Offset | (MoreFragments ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], Identification);
        return true;
    }
}

/// <summary>
/// Walks the extension headers of an IPv6 payload to the upper-layer protocol (RFC 8200 §4), skipping
/// hop-by-hop, routing and destination options and stopping at a fragment header.
/// </summary>
public static class Ipv6Extensions
{
    private const byte HopByHop = 0, Routing = 43, DestinationOptions = 60, NoNextHeader = 59;

    /// <summary>At most this many extension headers are walked; more is an attack.</summary>
    public const int MaxHeaders = 8;

    /// <summary>
    /// From <paramref name="nextHeader"/> and the payload after the fixed header, finds the upper-layer
    /// <paramref name="protocol"/> and where its data starts (<paramref name="offset"/>), or a fragment header
    /// (<paramref name="fragment"/> set, <paramref name="offset"/> after it). False when the chain is malformed.
    /// </summary>
    public static bool TryWalk(byte nextHeader, ReadOnlySpan<byte> payload, out byte protocol, out int offset, out Ipv6FragmentHeader? fragment)
    {
        protocol = nextHeader;
        offset = 0;
        fragment = null;
        for (var i = 0; i < MaxHeaders; i++)
        {
            switch (protocol)
            {
                case HopByHop when i != 0:
                    return false; // only allowed first (RFC 8200 §4.1)
                case HopByHop or Routing or DestinationOptions:
                    if (payload.Length < offset + 8)
                    {
                        return false;
                    }
                    var length = (payload[offset + 1] + 1) * 8;
                    if (payload.Length < offset + length)
                    {
                        return false;
                    }
                    protocol = payload[offset];
                    offset += length;
                    break;
                case Ipv6FragmentHeader.Protocol:
                    if (!Ipv6FragmentHeader.TryParse(payload[offset..], out var header))
                    {
                        return false;
                    }
                    fragment = header;
                    protocol = header.NextHeader;
                    offset += Ipv6FragmentHeader.Length;
                    return true;
                case NoNextHeader:
                    return false;
                default:
                    return true;
            }
        }
        return false;
    }
}
