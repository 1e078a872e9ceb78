using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>The Internet checksum (RFC 1071) and the pseudo-headers of UDP, TCP and ICMPv6.</summary>
public static class Checksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to a running (unfolded) sum.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        if (Vector256.IsHardwareAccelerated && data.Length >= 64)
        {
            var whole = data.Length & ~31;
            sum += AddVectors(data[..whole]);
            data = data[whole..];
        }
        while (data.Length >= 8)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(data);
            sum += (word >> 32) + (word & 0xFFFF_FFFF);
            data = data[8..];
        }
        if (data.Length >= 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[4..];
        }
        if (data.Length >= 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data);
            data = data[2..];
        }
        if (data.Length == 1)
        {
            sum += (ulong)data[0] << 8;
        }
        return sum;
    }

    /// <summary>
    /// The sum of <paramref name="data"/> (a multiple of 32 bytes, under 1 MiB) 32 bytes at a time, as a folded
    /// 16-bit value in big-endian terms. One's complement sums do not depend on byte order (RFC 1071 §2.B): the
    /// words are added as they lie in memory, and the folded sum is swapped once at the end.
    /// </summary>
    private static ulong AddVectors(ReadOnlySpan<byte> data)
    {
        var acc = Vector256<uint>.Zero;
        ref var start = ref MemoryMarshal.GetReference(data);
        for (var i = 0; i < data.Length; i += 32)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref Unsafe.Add(ref start, i)).AsUInt16());
            acc += low + high; // at most 2 × 65,535 per lane per block: no overflow below 1 MiB
        }
        var (a, b) = Vector256.Widen(acc);
        ulong sum = Vector256.Sum(a + b);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return BinaryPrimitives.ReverseEndianness((ushort)sum);
    }

    /// <summary>Folds a running sum into the 16-bit one's complement checksum.</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/> alone (0 when a stored checksum inside it is right).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Add(0, data));

    /// <summary>The running sum of the IPv4 pseudo-header (RFC 768, RFC 9293).</summary>
    public static ulong PseudoHeaderV4(uint source, uint destination, byte protocol, int length) =>
        (ulong)(source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + protocol + (ulong)length;

    /// <summary>The running sum of the IPv6 pseudo-header (RFC 8200 §8.1).</summary>
    public static ulong PseudoHeaderV6(UInt128 source, UInt128 destination, byte protocol, int length)
    {
        Span<byte> addresses = stackalloc byte[32];
        BinaryPrimitives.WriteUInt128BigEndian(addresses, source);
        BinaryPrimitives.WriteUInt128BigEndian(addresses[16..], destination);
        return Add(0, addresses) + protocol + (ulong)(uint)length;
    }
}
