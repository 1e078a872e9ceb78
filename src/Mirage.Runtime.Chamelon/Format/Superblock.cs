using System.Buffers.Binary;
using System.Text;

namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// The superblock: entry 0 of the root pair, named <c>littlefs</c>, whose inline struct gives the
/// format version and the geometry the image was made with.
/// </summary>
internal sealed record Superblock(uint Version, uint BlockSize, uint BlockCount, uint NameMax, uint FileMax, uint AttrMax)
{
    /// <summary>littlefs on-disk version 2.0 (major in the high half).</summary>
    public const uint Version20 = 0x0002_0000;

    /// <summary>The longest name littlefs allows by default.</summary>
    public const uint DefaultNameMax = 255;

    /// <summary>The largest file littlefs allows by default.</summary>
    public const uint DefaultFileMax = 0x7FFF_FFFF;

    /// <summary>The largest user attribute littlefs allows by default.</summary>
    public const uint DefaultAttrMax = 1022;

    /// <summary>The superblock entry's name.</summary>
    public static readonly byte[] Magic = Encoding.ASCII.GetBytes("littlefs");

    /// <summary>A superblock for a new image.</summary>
    public static Superblock For(int blockSize, uint blockCount) =>
        new(Version20, (uint)blockSize, blockCount, DefaultNameMax, DefaultFileMax, DefaultAttrMax);

    /// <summary>The entry that holds it.</summary>
    public Entry ToEntry() => new() { NameType = Tag.TypeSuperblock, Name = Magic, StructType = Tag.TypeInlineStruct, Struct = Encode() };

    /// <summary>The superblock of a root pair's state, checked against the device.</summary>
    /// <exception cref="CorruptImageException">No superblock, another version, or a geometry the device does not have.</exception>
    public static Superblock Read(MetadataState root, int blockSize, long deviceBlocks)
    {
        if (root.Entries.Count == 0 || root.Entries[0] is not { NameType: Tag.TypeSuperblock } entry
            || !entry.Name.AsSpan().SequenceEqual(Magic))
        {
            throw new CorruptImageException("blocks 0 and 1 hold no littlefs superblock (is the device formatted?)");
        }
        if (entry.StructType != Tag.TypeInlineStruct || entry.Struct.Length < 24)
        {
            throw new CorruptImageException($"the superblock's struct is {entry.Struct.Length} bytes, not 24");
        }
        var s = entry.Struct;
        uint U(int i) => BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(4 * i));
        var sb = new Superblock(U(0), U(1), U(2), U(3), U(4), U(5));
        if (sb.Version >> 16 != 2)
        {
            throw new CorruptImageException($"littlefs version {sb.Version >> 16}.{sb.Version & 0xFFFF}, only 2.x is supported");
        }
        if (sb.BlockSize != blockSize)
        {
            throw new CorruptImageException($"the image has {sb.BlockSize}-byte blocks, the device {blockSize}-byte sectors");
        }
        if (sb.BlockCount < 2 || sb.BlockCount > deviceBlocks)
        {
            throw new CorruptImageException($"the image says it has {sb.BlockCount} blocks, the device has {deviceBlocks}");
        }
        return sb;
    }

    private byte[] Encode()
    {
        var bytes = new byte[24];
        uint[] fields = [Version, BlockSize, BlockCount, NameMax, FileMax, AttrMax];
        for (var i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), fields[i]);
        }
        return bytes;
    }
}
