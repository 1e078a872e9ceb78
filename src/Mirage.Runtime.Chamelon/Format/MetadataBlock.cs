using System.Buffers.Binary;

namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// One block of a metadata pair as read: its revision count, the state its valid commits leave,
/// and where the next commit goes. A block whose first commit does not check out is not valid.
/// </summary>
/// <param name="Revision">The revision count (the first 4 bytes, little-endian).</param>
/// <param name="Valid">True when at least one commit's CRC matched.</param>
/// <param name="State">The state after the last valid commit.</param>
/// <param name="End">Where the next commit starts (just after the last valid one).</param>
/// <param name="PreviousTag">The tag the next commit's first tag is XORed with.</param>
internal sealed record MetadataBlock(uint Revision, bool Valid, MetadataState State, int End, uint PreviousTag)
{
    /// <summary>
    /// Reads <paramref name="block"/>: commits one after the other until a tag is invalid, runs
    /// past the block, or a CRC does not match. Never reads outside the span.
    /// </summary>
    /// <exception cref="CorruptImageException">A commit whose CRC matches holds tags that make no sense.</exception>
    public static MetadataBlock Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < 16)
        {
            return new MetadataBlock(0, false, new MetadataState(), 4, 0xFFFF_FFFF);
        }
        var revision = BinaryPrimitives.ReadUInt32LittleEndian(block);
        var committed = new MetadataState();
        var working = committed.Clone();
        var valid = false;
        var end = 4;
        var ptag = 0xFFFF_FFFFu;
        var committedPtag = ptag;
        var crc = Crc.Update(Crc.Initial, block[..4]);
        var offset = 4;
        while (offset + 4 <= block.Length)
        {
            var stored = block.Slice(offset, 4);
            crc = Crc.Update(crc, stored);
            var tag = new Tag(BinaryPrimitives.ReadUInt32BigEndian(stored) ^ ptag);
            if (!tag.IsValid || offset + 4 + tag.DataLength > block.Length)
            {
                break;
            }
            ptag = tag.Raw;
            var data = block.Slice(offset + 4, tag.DataLength);
            if (tag.Type1 == 0x5)
            {
                if (data.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(data) != crc)
                {
                    break;
                }
                ptag ^= (uint)(tag.Chunk & 1) << 31;
                offset += 4 + tag.DataLength;
                committed = working.Clone();
                committedPtag = ptag;
                end = offset;
                valid = true;
                crc = Crc.Initial;
                continue;
            }
            crc = Crc.Update(crc, data);
            try
            {
                working.Apply(tag, data);
            }
            catch (CorruptImageException) when (!CrcMatchesAhead(block, offset + 4 + tag.DataLength, crc, ptag))
            {
                // Garbage after the last commit (a torn write): not a commit, so not corruption.
                break;
            }
            offset += 4 + tag.DataLength;
        }
        return new MetadataBlock(revision, valid, committed, end, committedPtag);
    }

    /// <summary>
    /// The bytes of a commit at <paramref name="offset"/>: the tags, XOR-chained from
    /// <paramref name="previousTag"/>, then a CRC tag padded to the program block size. The bytes
    /// after a commit are left as they were (an older commit, after a compaction cut short); the CRC
    /// tag's chunk bit is chosen, as littlefs does, so that the word there reads as an invalid tag
    /// and nothing stale is ever taken for a commit.
    /// </summary>
    /// <param name="crc">The running CRC at the start (over the revision count for a block's first commit).</param>
    /// <param name="offset">Where in the block the commit starts.</param>
    /// <param name="programBlockSize">The unit commits are padded to.</param>
    /// <param name="previousTag">The last tag before the commit.</param>
    /// <param name="tags">The tags and their data.</param>
    /// <param name="block">The block as it is before the commit (only the byte after the commit is read).</param>
    /// <param name="nextPreviousTag">The tag the commit after this one will be chained to.</param>
    public static byte[] EncodeCommit(
        uint crc, int offset, int programBlockSize, uint previousTag, IEnumerable<(Tag Tag, byte[] Data)> tags,
        ReadOnlySpan<byte> block, out uint nextPreviousTag)
    {
        var bytes = new List<byte>();
        Span<byte> word = stackalloc byte[4];
        var ptag = previousTag;
        foreach (var (tag, data) in tags)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (tag.Raw & 0x7FFF_FFFF) ^ ptag);
            ptag = tag.Raw & 0x7FFF_FFFF;
            bytes.AddRange(word);
            bytes.AddRange(data);
        }
        var afterTags = offset + bytes.Count;
        var next = AlignUp(afterTags + 8, programBlockSize);
        var following = next < block.Length ? block[next] : 0xFF;
        var crcTag = new Tag(Tag.TypeCrc | ((~following >> 7) & 1), Tag.NoId, next - afterTags - 4);
        BinaryPrimitives.WriteUInt32BigEndian(word, crcTag.Raw ^ ptag);
        bytes.AddRange(word);
        crc = Crc.Update(crc, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
        BinaryPrimitives.WriteUInt32LittleEndian(word, crc);
        bytes.AddRange(word);
        while (offset + bytes.Count < next)
        {
            bytes.Add(0xFF);
        }
        nextPreviousTag = crcTag.Raw ^ ((uint)(crcTag.Chunk & 1) << 31);
        return [.. bytes];
    }

    /// <summary>The size a commit of tags with <paramref name="dataBytes"/> bytes of data in all takes, padded.</summary>
    public static int CommitSize(int offset, int tagCount, int dataBytes, int programBlockSize) =>
        AlignUp(offset + (4 * tagCount) + dataBytes + 8, programBlockSize) - offset;

    /// <summary>The sequence comparison of revision counts: true when <paramref name="a"/> is newer than <paramref name="b"/>.</summary>
    public static bool Newer(uint a, uint b) => (int)(a - b) > 0;

    private static int AlignUp(int value, int unit) => (value + unit - 1) / unit * unit;

    /// <summary>
    /// True when a CRC tag ahead closes the commit begun so far: a tag that makes no sense inside a
    /// checked commit is corruption; outside one it is leftover data.
    /// </summary>
    private static bool CrcMatchesAhead(ReadOnlySpan<byte> block, int offset, uint crc, uint ptag)
    {
        while (offset + 4 <= block.Length)
        {
            var stored = block.Slice(offset, 4);
            crc = Crc.Update(crc, stored);
            var tag = new Tag(BinaryPrimitives.ReadUInt32BigEndian(stored) ^ ptag);
            if (!tag.IsValid || offset + 4 + tag.DataLength > block.Length)
            {
                return false;
            }
            ptag = tag.Raw;
            var data = block.Slice(offset + 4, tag.DataLength);
            if (tag.Type1 == 0x5)
            {
                return data.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(data) == crc;
            }
            crc = Crc.Update(crc, data);
            offset += 4 + tag.DataLength;
        }
        return false;
    }
}
