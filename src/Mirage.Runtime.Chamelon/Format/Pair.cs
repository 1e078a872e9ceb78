using System.Buffers.Binary;

namespace Mirage.Runtime.Chamelon.Format;

/// <summary>A metadata pair: the two blocks a directory's metadata alternates between.</summary>
internal readonly record struct Pair(uint A, uint B)
{
    /// <summary>The superblock's pair, which is also the root directory's first.</summary>
    public static readonly Pair Root = new(0, 1);

    /// <summary>The two pointers, little-endian, as DIRSTRUCT and tail tags hold them.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), B);
        return bytes;
    }

    /// <summary>Reads a pair from a tag's 8 bytes of data.</summary>
    public static Pair Decode(ReadOnlySpan<byte> data, string what) => data.Length == 8
        ? new Pair(BinaryPrimitives.ReadUInt32LittleEndian(data), BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        : throw new CorruptImageException($"{what} holds {data.Length} bytes, not a pair of block pointers (8)");

    /// <summary>The same pair, whichever block is written first.</summary>
    public bool SameAs(Pair other) => (A == other.A && B == other.B) || (A == other.B && B == other.A);

    /// <inheritdoc/>
    public override string ToString() => $"{{{A}, {B}}}";
}
