using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>A UDP header (RFC 768); the checksum covers the pseudo-header whose sum is passed in.</summary>
public readonly record struct UdpHeader(ushort SourcePort, ushort DestinationPort, int Length)
{
    /// <summary>The header's length.</summary>
    public const int HeaderLength = 8;

    private const int SourceOffset = 0, DestinationOffset = 2, LengthOffset = 4, ChecksumOffset = 6;

    /// <summary>
    /// Reads a datagram's header; false when its length contradicts the buffer or the checksum is wrong. A zero
    /// checksum means none over IPv4 and is refused when <paramref name="checksumRequired"/> (IPv6, RFC 8200).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, ulong pseudoHeaderSum, bool checksumRequired, out UdpHeader header)
    {
        header = default;
        if (datagram.Length < HeaderLength)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[LengthOffset..]);
        if (length < HeaderLength || length > datagram.Length)
        {
            return false;
        }
        var stored = BinaryPrimitives.ReadUInt16BigEndian(datagram[ChecksumOffset..]);
        if (stored == 0 ? checksumRequired : Checksum.Fold(Checksum.Add(pseudoHeaderSum, datagram[..length])) != 0)
        {
            return false;
        }
        header = new UdpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(datagram[SourceOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(datagram[DestinationOffset..]),
            length);
        return true;
    }

    /// <summary>
    /// Writes the header at the start of <paramref name="datagram"/> (<see cref="Length"/> bytes, payload already in
    /// place) with its checksum over the datagram and <paramref name="pseudoHeaderSum"/>.
    /// </summary>
    public bool TryWrite(Span<byte> datagram, ulong pseudoHeaderSum)
    {
        if (Length < HeaderLength || Length > ushort.MaxValue || datagram.Length < Length)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(datagram[SourceOffset..], SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[DestinationOffset..], DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[LengthOffset..], (ushort)Length);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[ChecksumOffset..], 0);
        var checksum = Checksum.Fold(Checksum.Add(pseudoHeaderSum, datagram[..Length]));
        // A computed zero is sent as all ones: zero means "no checksum" (RFC 768).
        BinaryPrimitives.WriteUInt16BigEndian(datagram[ChecksumOffset..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return true;
    }
}
