using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>
/// The first eight bytes of an ICMPv4 (RFC 792) or ICMPv6 (RFC 4443) message: type, code, checksum and
/// the type's four bytes (<see cref="Rest"/>: identifier and sequence for echoes). The checksum covers the
/// whole message (and, for ICMPv6, the pseudo-header whose sum is passed in).
/// </summary>
public readonly record struct IcmpHeader(byte Type, byte Code, uint Rest)
{
    /// <summary>The header's length.</summary>
    public const int Length = 8;

    private const int TypeOffset = 0, CodeOffset = 1, ChecksumOffset = 2, RestOffset = 4;

    /// <summary>ICMPv4 types.</summary>
    public const byte EchoReplyV4 = 0, DestinationUnreachableV4 = 3, EchoRequestV4 = 8, TimeExceededV4 = 11;

    /// <summary>ICMPv6 types.</summary>
    public const byte DestinationUnreachableV6 = 1, PacketTooBigV6 = 2, TimeExceededV6 = 3, EchoRequestV6 = 128, EchoReplyV6 = 129,
        RouterSolicitation = 133, RouterAdvertisement = 134, NeighborSolicitation = 135, NeighborAdvertisement = 136;

    /// <summary>Port unreachable (the code of a destination unreachable, both families: 3 in ICMPv4, 4 in ICMPv6).</summary>
    public const byte PortUnreachableV4 = 3, ProtocolUnreachableV4 = 2, PortUnreachableV6 = 4;

    /// <summary>An echo's identifier.</summary>
    public ushort Identifier => (ushort)(Rest >> 16);

    /// <summary>An echo's sequence number.</summary>
    public ushort Sequence => (ushort)Rest;

    /// <summary>Reads a message's header, checking the checksum over the message and <paramref name="pseudoHeaderSum"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out IcmpHeader header, ulong pseudoHeaderSum = 0)
    {
        header = default;
        if (message.Length < Length || Checksum.Fold(Checksum.Add(pseudoHeaderSum, message)) != 0)
        {
            return false;
        }
        header = new IcmpHeader(message[TypeOffset], message[CodeOffset], BinaryPrimitives.ReadUInt32BigEndian(message[RestOffset..]));
        return true;
    }

    /// <summary>
    /// Writes the header at the start of <paramref name="message"/>, whose body must already follow it, and
    /// the checksum over the whole message and <paramref name="pseudoHeaderSum"/>.
    /// </summary>
    public bool TryWrite(Span<byte> message, ulong pseudoHeaderSum = 0)
    {
        if (message.Length < Length)
        {
            return false;
        }
        message[TypeOffset] = Type;
        message[CodeOffset] = Code;
        BinaryPrimitives.WriteUInt16BigEndian(message[ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(message[RestOffset..], Rest);
        BinaryPrimitives.WriteUInt16BigEndian(message[ChecksumOffset..], Checksum.Fold(Checksum.Add(pseudoHeaderSum, message)));
        return true;
    }

    /// <summary>An echo's four bytes.</summary>
    public static uint EchoRest(ushort identifier, ushort sequence) => ((uint)identifier << 16) | sequence;
}
