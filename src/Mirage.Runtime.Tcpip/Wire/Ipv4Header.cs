using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>
/// An IPv4 header (RFC 791). Options are skipped on parse (<see cref="HeaderLength"/> covers them) and
/// never written. <see cref="FragmentOffset"/> is in bytes.
/// </summary>
public readonly record struct Ipv4Header(
    byte TypeOfService,
    int TotalLength,
    ushort Identification,
    bool DontFragment,
    bool MoreFragments,
    int FragmentOffset,
    byte Ttl,
    byte Protocol,
    uint Source,
    uint Destination,
    int HeaderLength = Ipv4Header.MinLength)
{
    /// <summary>A header without options.</summary>
    public const int MinLength = 20;

    private const int VersionOffset = 0, TosOffset = 1, TotalLengthOffset = 2, IdOffset = 4, FlagsOffset = 6,
        TtlOffset = 8, ProtocolOffset = 9, ChecksumOffset = 10, SourceOffset = 12, DestinationOffset = 16;

    private const ushort DontFragmentBit = 0x4000, MoreFragmentsBit = 0x2000, OffsetMask = 0x1FFF;

    /// <summary>Whether the packet is a fragment (more follow, or it is not the first).</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>The payload's length.</summary>
    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>
    /// Reads the header of a packet; false when it is not IPv4, its lengths contradict each other or the
    /// buffer, or its checksum is wrong. Bytes past <see cref="TotalLength"/> (link padding) are allowed.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinLength || packet[VersionOffset] >> 4 != 4)
        {
            return false;
        }
        var headerLength = (packet[VersionOffset] & 0xF) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[TotalLengthOffset..]);
        if (headerLength < MinLength || totalLength < headerLength || totalLength > packet.Length
            || Checksum.Compute(packet[..headerLength]) != 0)
        {
            return false;
        }
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[FlagsOffset..]);
        header = new Ipv4Header(
            packet[TosOffset],
            totalLength,
            BinaryPrimitives.ReadUInt16BigEndian(packet[IdOffset..]),
            (flags & DontFragmentBit) != 0,
            (flags & MoreFragmentsBit) != 0,
            (flags & OffsetMask) * 8,
            packet[TtlOffset],
            packet[ProtocolOffset],
            BinaryPrimitives.ReadUInt32BigEndian(packet[SourceOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[DestinationOffset..]),
            headerLength);
        return true;
    }

    /// <summary>Writes a 20-byte header, with its checksum, at the start of <paramref name="packet"/>.</summary>
    public bool TryWrite(Span<byte> packet)
    {
        if (packet.Length < MinLength || TotalLength is < MinLength or > ushort.MaxValue || (FragmentOffset & 7) != 0)
        {
            return false;
        }
        packet[VersionOffset] = 0x45;
        packet[TosOffset] = TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(packet[TotalLengthOffset..], (ushort)TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet[IdOffset..], Identification);
        var flags = (ushort)(((FragmentOffset / 8) & OffsetMask) | (DontFragment ? DontFragmentBit : 0) | (MoreFragments ? MoreFragmentsBit : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet[FlagsOffset..], flags);
        packet[TtlOffset] = Ttl;
        packet[ProtocolOffset] = Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(packet[ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(packet[SourceOffset..], Source);
        BinaryPrimitives.WriteUInt32BigEndian(packet[DestinationOffset..], Destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet[ChecksumOffset..], Checksum.Compute(packet[..MinLength]));
        return true;
    }
}
