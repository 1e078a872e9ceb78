using System.Buffers.Binary;
using System.Numerics;

namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// The arithmetic of littlefs's CTZ skip-lists: block n of a file (n &gt; 0) starts with ctz(n)+1
/// pointers, pointer i to block n - 2^i, and its data follows; block 0 is all data. The struct
/// names the last block (the head) and the file's size.
/// </summary>
internal static class Ctz
{
    /// <summary>How many pointers block <paramref name="index"/> starts with.</summary>
    public static int Pointers(long index) => index == 0 ? 0 : BitOperations.TrailingZeroCount(index) + 1;

    /// <summary>
    /// Which block holds byte <paramref name="offset"/> of a file, and at which byte of that block
    /// (past its pointers): littlefs's closed form (lfs_ctz_index).
    /// </summary>
    public static (long Index, int Offset) Locate(long offset, int blockSize)
    {
        var b = blockSize - (2 * 4);
        var i = offset / b;
        if (i == 0)
        {
            return (0, (int)offset);
        }
        i = (offset - (4 * (BitOperations.PopCount((ulong)(i - 1)) + 2))) / b;
        var within = offset - (b * i) - (4 * BitOperations.PopCount((ulong)i));
        return (i, (int)within);
    }

    /// <summary>The index of the head block of a file of <paramref name="size"/> bytes (size &gt; 0).</summary>
    public static long HeadIndex(long size, int blockSize) => Locate(size - 1, blockSize).Index;

    /// <summary>How many data bytes block <paramref name="index"/> holds.</summary>
    public static int Capacity(long index, int blockSize) => blockSize - (4 * Pointers(index));

    /// <summary>The CTZ struct: head block and size, little-endian.</summary>
    public static byte[] EncodeStruct(uint head, uint size)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, head);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), size);
        return bytes;
    }

    /// <summary>Reads a CTZ struct.</summary>
    /// <exception cref="CorruptImageException">Not 8 bytes.</exception>
    public static (uint Head, uint Size) DecodeStruct(ReadOnlySpan<byte> data) => data.Length == 8
        ? (BinaryPrimitives.ReadUInt32LittleEndian(data), BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        : throw new CorruptImageException($"a CTZ struct holds {data.Length} bytes, not 8");
}
