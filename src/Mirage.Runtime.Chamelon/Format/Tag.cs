namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// A littlefs metadata tag: 32 bits, big-endian on disk and XORed with the tag before it.
/// Bit 31 is clear on a valid tag; then an 11-bit type (3-bit abstract type, 8-bit chunk), a 10-bit
/// id (which entry of the metadata pair) and a 10-bit length of the data that follows
/// (<see cref="DeletedLength"/>: none, the attribute is deleted).
/// </summary>
internal readonly record struct Tag(uint Raw)
{
    /// <summary>The length field of a tag that deletes its attribute.</summary>
    public const int DeletedLength = 0x3FF;

    /// <summary>The id field of a tag about the pair rather than an entry (tails, CRCs).</summary>
    public const int NoId = 0x3FF;

    /// <summary>Name of a file (a value).</summary>
    public const int TypeRegular = 0x001;

    /// <summary>Name of a directory (a dictionary).</summary>
    public const int TypeDirectory = 0x002;

    /// <summary>Name of the superblock entry, <c>littlefs</c>.</summary>
    public const int TypeSuperblock = 0x0FF;

    /// <summary>Inserts an entry at the id, moving the ones at and above it up.</summary>
    public const int TypeCreate = 0x401;

    /// <summary>Removes the entry at the id, moving the ones above it down.</summary>
    public const int TypeDelete = 0x4FF;

    /// <summary>A directory's metadata pair (two block pointers).</summary>
    public const int TypeDirStruct = 0x200;

    /// <summary>A file's bytes, in the metadata itself.</summary>
    public const int TypeInlineStruct = 0x201;

    /// <summary>A file in a CTZ skip-list: head block and size.</summary>
    public const int TypeCtzStruct = 0x202;

    /// <summary>User attributes: 0x300 plus the attribute's type.</summary>
    public const int TypeUserAttr = 0x300;

    /// <summary>The next metadata pair of the threaded list (littlefs; chamelon writes none).</summary>
    public const int TypeSoftTail = 0x600;

    /// <summary>The next metadata pair of the same directory.</summary>
    public const int TypeHardTail = 0x601;

    /// <summary>A commit's checksum; the low bit of its chunk says how the next commit marks valid tags.</summary>
    public const int TypeCrc = 0x500;

    public Tag(int type, int id, int length)
        : this(((uint)type & 0x7FF) << 20 | ((uint)id & 0x3FF) << 10 | ((uint)length & 0x3FF))
    {
    }

    /// <summary>False when bit 31 is set.</summary>
    public bool IsValid => (Raw & 0x8000_0000) == 0;

    /// <summary>The 11-bit type.</summary>
    public int Type => (int)((Raw >> 20) & 0x7FF);

    /// <summary>The 3-bit abstract type (0x0 name, 0x2 struct, 0x3 user attribute, 0x4 splice, 0x5 CRC, 0x6 tail, 0x7 global state).</summary>
    public int Type1 => (int)((Raw >> 28) & 0x7);

    /// <summary>The 8-bit chunk, the low part of the type.</summary>
    public int Chunk => (int)((Raw >> 20) & 0xFF);

    /// <summary>The 10-bit id.</summary>
    public int Id => (int)((Raw >> 10) & 0x3FF);

    /// <summary>The 10-bit length field.</summary>
    public int Length => (int)(Raw & 0x3FF);

    /// <summary>True for a tag whose attribute is deleted (no data follows).</summary>
    public bool IsDeleted => Length == DeletedLength;

    /// <summary>How many bytes of data follow the tag.</summary>
    public int DataLength => IsDeleted ? 0 : Length;

    /// <inheritdoc/>
    public override string ToString() => $"tag type=0x{Type:x3} id={Id} length={Length}";
}
