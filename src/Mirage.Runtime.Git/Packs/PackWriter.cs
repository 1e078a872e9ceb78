using System.Buffers.Binary;
using System.Security.Cryptography;
using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Packs;

/// <summary>A pack made by <see cref="PackWriter"/>: its bytes and, per object, what its index needs.</summary>
public sealed record WrittenPack(byte[] Bytes, IReadOnlyList<PackIndexEntry> Entries)
{
    /// <summary>The pack's trailing SHA-1 (its name, and the index's link to it).</summary>
    public ReadOnlySpan<byte> Checksum => Bytes.AsSpan(Bytes.Length - ObjectId.Size);
}

/// <summary>Writes packs (version 2) of whole objects, without deltas: what a push sends.</summary>
public static class PackWriter
{
    /// <summary>A pack of <paramref name="objects"/>, in the order given.</summary>
    public static WrittenPack Write(IReadOnlyCollection<GitObject> objects)
    {
        using var buffer = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        "PACK"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)objects.Count);
        buffer.Write(header);
        var entries = new List<PackIndexEntry>(objects.Count);
        foreach (var obj in objects)
        {
            var start = buffer.Position;
            WriteHeader(buffer, (int)obj.Kind, obj.Data.Length);
            buffer.Write(Zlib.Deflate(obj.Data.Span));
            var crc = Crc32.Compute(buffer.GetBuffer().AsSpan((int)start, (int)(buffer.Position - start)));
            entries.Add(new PackIndexEntry(obj.Id, start, crc));
        }
        buffer.Write(SHA1.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return new WrittenPack(buffer.ToArray(), entries);
    }

    private static void WriteHeader(Stream output, int type, long size)
    {
        var b = (byte)((type << 4) | (int)(size & 0x0F));
        size >>= 4;
        while (size != 0)
        {
            output.WriteByte((byte)(b | 0x80));
            b = (byte)(size & 0x7F);
            size >>= 7;
        }
        output.WriteByte(b);
    }
}
