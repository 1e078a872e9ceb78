using System.Buffers.Binary;
using System.Security.Cryptography;
using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Packs;

/// <summary>One object of a pack index: its name, its offset in the pack and its CRC-32 there.</summary>
public sealed record PackIndexEntry(ObjectId Id, long Offset, uint Crc);

/// <summary>
/// Pack indexes, version 2 (<c>.idx</c>): magic, fan-out table, sorted names, CRC-32s, 31-bit offsets
/// with a table of 64-bit ones for large packs, then the pack's and the index's own SHA-1.
/// </summary>
public static class PackIndex
{
    private static ReadOnlySpan<byte> Magic => [0xFF, 0x74, 0x4F, 0x63];

    /// <summary>The index of a pack with <paramref name="entries"/> and <paramref name="packChecksum"/>.</summary>
    public static byte[] Write(IEnumerable<PackIndexEntry> entries, ReadOnlySpan<byte> packChecksum)
    {
        var sorted = entries.OrderBy(e => e.Id).ToArray();
        using var buffer = new MemoryStream();
        var word = new byte[8];
        void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, v);
            buffer.Write(word, 0, 4);
        }
        buffer.Write(Magic);
        U32(2);
        var fanout = new uint[256];
        foreach (var entry in sorted)
        {
            fanout[entry.Id.Bytes[0]]++;
        }
        uint running = 0;
        foreach (var n in fanout)
        {
            running += n;
            U32(running);
        }
        foreach (var entry in sorted)
        {
            buffer.Write(entry.Id.Bytes);
        }
        foreach (var entry in sorted)
        {
            U32(entry.Crc);
        }
        var large = new List<long>();
        foreach (var entry in sorted)
        {
            if (entry.Offset < 0x80000000L)
            {
                U32((uint)entry.Offset);
            }
            else
            {
                U32(0x80000000u | (uint)large.Count);
                large.Add(entry.Offset);
            }
        }
        foreach (var offset in large)
        {
            BinaryPrimitives.WriteInt64BigEndian(word, offset);
            buffer.Write(word, 0, 8);
        }
        buffer.Write(packChecksum);
        buffer.Write(SHA1.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }

    /// <summary>The entries of a version 2 index (sorted by name) and the checksum of the pack it indexes.</summary>
    public static (IReadOnlyList<PackIndexEntry> Entries, byte[] PackChecksum) Read(ReadOnlySpan<byte> index)
    {
        const int header = 8, fanoutSize = 256 * 4;
        if (index.Length < header + fanoutSize + (2 * ObjectId.Size) || !index[..4].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt32BigEndian(index[4..]) != 2)
        {
            throw new GitFormatException("not a version 2 pack index: expected ff 74 4f 63, version 2 and a fan-out table");
        }
        if (!SHA1.HashData(index[..^ObjectId.Size]).AsSpan().SequenceEqual(index[^ObjectId.Size..]))
        {
            throw new GitFormatException("the pack index's trailing SHA-1 does not match its contents");
        }
        var count = BinaryPrimitives.ReadUInt32BigEndian(index[(header + fanoutSize - 4)..]);
        var names = header + fanoutSize;
        var minimum = (long)names + (count * (ObjectId.Size + 8L)) + (2 * ObjectId.Size);
        if (minimum > index.Length)
        {
            throw new GitFormatException($"the pack index claims {count} objects, more than its {index.Length} bytes hold");
        }
        var crcs = names + ((int)count * ObjectId.Size);
        var offsets = crcs + ((int)count * 4);
        var largeOffsets = offsets + ((int)count * 4);
        var largeCount = (index.Length - (2 * ObjectId.Size) - largeOffsets) / 8;
        var entries = new List<PackIndexEntry>((int)count);
        uint previous = 0;
        for (var i = 0; i < 256; i++)
        {
            var n = BinaryPrimitives.ReadUInt32BigEndian(index[(header + (i * 4))..]);
            if (n < previous)
            {
                throw new GitFormatException("the pack index's fan-out table decreases");
            }
            previous = n;
        }
        for (var i = 0; i < count; i++)
        {
            var id = ObjectId.FromBytes(index.Slice(names + (i * ObjectId.Size), ObjectId.Size));
            if (i > 0 && entries[^1].Id.CompareTo(id) >= 0)
            {
                throw new GitFormatException("the pack index's names are not sorted");
            }
            var crc = BinaryPrimitives.ReadUInt32BigEndian(index[(crcs + (i * 4))..]);
            long offset = BinaryPrimitives.ReadUInt32BigEndian(index[(offsets + (i * 4))..]);
            if ((offset & 0x80000000L) != 0)
            {
                var slot = (int)(offset & 0x7FFFFFFF);
                if (slot >= largeCount)
                {
                    throw new GitFormatException($"the pack index names large offset {slot}, beyond its table");
                }
                offset = BinaryPrimitives.ReadInt64BigEndian(index[(largeOffsets + (slot * 8))..]);
            }
            entries.Add(new PackIndexEntry(id, offset, crc));
        }
        return (entries, index.Slice(index.Length - (2 * ObjectId.Size), ObjectId.Size).ToArray());
    }
}
