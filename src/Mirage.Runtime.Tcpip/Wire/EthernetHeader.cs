using System.Buffers.Binary;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>An Ethernet II header: destination, source, EtherType (IEEE 802.3 clause 3.1.1).</summary>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, ushort EtherType)
{
    /// <summary>The header's length.</summary>
    public const int Length = 14;

    private const int DestinationOffset = 0, SourceOffset = 6, TypeOffset = 12;

    /// <summary>Reads the header at the start of a frame; false when the frame is shorter than a header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }
        header = new EthernetHeader(
            MacAddress.Read(frame[DestinationOffset..]),
            MacAddress.Read(frame[SourceOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(frame[TypeOffset..]));
        return true;
    }

    /// <summary>Writes the header at the start of <paramref name="frame"/>.</summary>
    public bool TryWrite(Span<byte> frame)
    {
        if (frame.Length < Length)
        {
            return false;
        }
        Destination.Write(frame[DestinationOffset..]);
        Source.Write(frame[SourceOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[TypeOffset..], EtherType);
        return true;
    }
}
