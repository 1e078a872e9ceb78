using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>The control bits of a TCP header (RFC 9293 §3.1, RFC 3168 for ECE/CWR).</summary>
[Flags]
public enum TcpFlags : byte
{
    /// <summary>No bits.</summary>
    None = 0,

    /// <summary>No more data from the sender.</summary>
    Fin = 1,

    /// <summary>Synchronise sequence numbers.</summary>
    Syn = 2,

    /// <summary>Reset the connection.</summary>
    Rst = 4,

    /// <summary>Push.</summary>
    Psh = 8,

    /// <summary>The acknowledgment field is significant.</summary>
    Ack = 16,

    /// <summary>The urgent pointer is significant.</summary>
    Urg = 32,

    /// <summary>ECN echo.</summary>
    Ece = 64,

    /// <summary>Congestion window reduced.</summary>
    Cwr = 128,
}

/// <summary>
/// A TCP header (RFC 9293 §3.1) with its options. The checksum covers the segment and the pseudo-header whose
/// running sum (<see cref="Checksum.PseudoHeaderV4"/> or <see cref="Checksum.PseudoHeaderV6"/> over the segment's
/// length) is passed in.
/// </summary>
public readonly record struct TcpHeader(
    ushort SourcePort,
    ushort DestinationPort,
    uint Sequence,
    uint Acknowledgment,
    TcpFlags Flags,
    ushort Window,
    TcpOptions Options,
    ushort UrgentPointer = 0)
{
    /// <summary>The header's length without options.</summary>
    public const int MinLength = 20;

    private const int SourceOffset = 0, DestinationOffset = 2, SequenceOffset = 4, AckOffset = 8, DataOffsetOffset = 12,
        FlagsOffset = 13, WindowOffset = 14, ChecksumOffset = 16, UrgentOffset = 18;

    /// <summary>The header's length with its options, as written.</summary>
    public int Length => MinLength + Options.Length;

    /// <summary>Whether every bit of <paramref name="flags"/> is set.</summary>
    public bool Has(TcpFlags flags) => (Flags & flags) == flags;

    /// <summary>
    /// Reads a segment's header; false when the data offset contradicts the buffer, an option is malformed or the
    /// checksum over <paramref name="segment"/> (all of it) and <paramref name="pseudoHeaderSum"/> is wrong.
    /// <paramref name="headerLength"/> is where the payload starts.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> segment, ulong pseudoHeaderSum, out TcpHeader header, out int headerLength)
    {
        header = default;
        headerLength = 0;
        if (segment.Length < MinLength)
        {
            return false;
        }
        var length = (segment[DataOffsetOffset] >> 4) * 4;
        if (length < MinLength || length > segment.Length || Checksum.Fold(Checksum.Add(pseudoHeaderSum, segment)) != 0)
        {
            return false;
        }
        if (!TcpOptions.TryParse(segment[MinLength..length], out var options))
        {
            return false;
        }
        headerLength = length;
        header = new TcpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(segment[SourceOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[DestinationOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[SequenceOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[AckOffset..]),
            (TcpFlags)segment[FlagsOffset],
            BinaryPrimitives.ReadUInt16BigEndian(segment[WindowOffset..]),
            options,
            BinaryPrimitives.ReadUInt16BigEndian(segment[UrgentOffset..]));
        return true;
    }

    /// <summary>
    /// Writes the header (<see cref="Length"/> bytes) at the start of <paramref name="segment"/>, whose payload is
    /// already in place after it, and the checksum over all of <paramref name="segment"/> and
    /// <paramref name="pseudoHeaderSum"/>. False when the segment is too short.
    /// </summary>
    public bool TryWrite(Span<byte> segment, ulong pseudoHeaderSum)
    {
        var length = Length;
        if (segment.Length < length)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(segment[SourceOffset..], SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[DestinationOffset..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment[SequenceOffset..], Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment[AckOffset..], Acknowledgment);
        segment[DataOffsetOffset] = (byte)(length / 4 << 4);
        segment[FlagsOffset] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment[WindowOffset..], Window);
        BinaryPrimitives.WriteUInt16BigEndian(segment[ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(segment[UrgentOffset..], UrgentPointer);
        Options.Write(segment[MinLength..length]);
        BinaryPrimitives.WriteUInt16BigEndian(segment[ChecksumOffset..], Checksum.Fold(Checksum.Add(pseudoHeaderSum, segment)));
        return true;
    }
}
