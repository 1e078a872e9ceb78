using System.Buffers.Binary;
using System.Security.Cryptography;
using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Packs;

/// <summary>An object read from a pack: where it started and its CRC-32 there (what an index keeps).</summary>
public sealed record PackedObject(GitObject Object, long Offset, uint Crc);

/// <summary>
/// Reads a whole pack held in memory (version 2 or 3): every object inflated, offset and reference
/// deltas rebuilt, the trailing SHA-1 checked. Nothing about the pack is trusted: sizes, counts,
/// delta bases and chains are checked against the pack and <see cref="PackLimits"/> before use.
/// </summary>
public static class PackReader
{
    private const int HeaderSize = 12;

    /// <summary>
    /// The objects of <paramref name="pack"/>, in pack order. Reference deltas whose base is not in
    /// the pack (a thin pack) take it from <paramref name="external"/> when given.
    /// </summary>
    public static IReadOnlyList<PackedObject> Read(
        ReadOnlyMemory<byte> pack, PackLimits? limits = null, Func<ObjectId, GitObject?>? external = null)
    {
        limits ??= PackLimits.Default;
        var bytes = pack.Span;
        if (bytes.Length > limits.MaxPackBytes)
        {
            throw new GitFormatException($"the pack has {bytes.Length} bytes, over the limit of {limits.MaxPackBytes}");
        }
        if (bytes.Length < HeaderSize + ObjectId.Size || !bytes[..4].SequenceEqual("PACK"u8))
        {
            throw new GitFormatException("not a pack: expected 'PACK', a version, a count and a SHA-1 trailer");
        }
        var version = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        if (version is not (2 or 3))
        {
            throw new GitFormatException($"pack version {version} is not 2 or 3");
        }
        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
        var bodyEnd = bytes.Length - ObjectId.Size;
        // Each object takes at least a header byte and a zlib stream (two header bytes, a block, a checksum).
        if (count > (uint)(bodyEnd - HeaderSize) / 8)
        {
            throw new GitFormatException($"the pack claims {count} objects, more than its {bodyEnd - HeaderSize} bytes can hold");
        }
        var trailer = SHA1.HashData(bytes[..bodyEnd]);
        if (!trailer.AsSpan().SequenceEqual(bytes[bodyEnd..]))
        {
            throw new GitFormatException("the pack's trailing SHA-1 does not match its contents");
        }

        // Capacity from the count only up to a point: the count is the peer's word.
        var entries = new List<Entry>((int)Math.Min(count, 1u << 16));
        var byOffset = new Dictionary<long, int>((int)Math.Min(count, 1u << 16));
        var position = HeaderSize;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = ReadEntry(pack, ref position, bodyEnd, byOffset, limits);
            total += entry.Data.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new GitFormatException($"the pack's objects come to over {limits.MaxTotalBytes} bytes");
            }
            byOffset[entry.Offset] = entries.Count;
            entries.Add(entry);
        }
        if (position != bodyEnd)
        {
            throw new GitFormatException($"the pack has {bodyEnd - position} bytes after its {count} objects");
        }
        return Resolve(entries, byOffset, limits, external, ref total);
    }

    private static Entry ReadEntry(ReadOnlyMemory<byte> pack, ref int position, int bodyEnd, Dictionary<long, int> byOffset, PackLimits limits)
    {
        var bytes = pack.Span[..bodyEnd];
        var offset = position;
        var where = $"the pack object at offset {offset}";
        var b = Next(bytes, ref position, where);
        var type = (b >> 4) & 7;
        long size = b & 0x0F;
        for (var shift = 4; (b & 0x80) != 0; shift += 7)
        {
            if (shift > 56)
            {
                throw new GitFormatException($"{where}: its size does not fit in 64 bits");
            }
            b = Next(bytes, ref position, where);
            size |= (long)(b & 0x7F) << shift;
        }
        if (size > limits.MaxObjectBytes)
        {
            throw new GitFormatException($"{where}: {size} bytes, over the limit of {limits.MaxObjectBytes}");
        }
        long? baseOffset = null;
        ObjectId? baseId = null;
        switch (type)
        {
            case 1 or 2 or 3 or 4:
                break;
            case 6:
                {
                    b = Next(bytes, ref position, where);
                    long distance = b & 0x7F;
                    while ((b & 0x80) != 0)
                    {
                        if (distance > (long.MaxValue >> 8))
                        {
                            throw new GitFormatException($"{where}: its delta base offset does not fit in 64 bits");
                        }
                        b = Next(bytes, ref position, where);
                        distance = ((distance + 1) << 7) | (long)(b & 0x7F);
                    }
                    var target = offset - distance;
                    if (distance <= 0 || !byOffset.ContainsKey(target))
                    {
                        throw new GitFormatException($"{where}: its delta base (offset {target}) is no earlier object of the pack");
                    }
                    baseOffset = target;
                    break;
                }
            case 7:
                if (position + ObjectId.Size > bytes.Length)
                {
                    throw new GitFormatException($"{where}: the pack ends inside its delta base's name");
                }
                baseId = ObjectId.FromBytes(bytes.Slice(position, ObjectId.Size));
                position += ObjectId.Size;
                break;
            default:
                throw new GitFormatException($"{where}: object type {type} is none of git's (1-4, 6, 7)");
        }
        var data = Zlib.Inflate(pack[..bodyEnd], position, size, where, out var consumed);
        position += consumed;
        var crc = Crc32.Compute(bytes[offset..position]);
        return new Entry(offset, type, data, baseOffset, baseId, crc);
    }

    private static List<PackedObject> Resolve(
        List<Entry> entries, Dictionary<long, int> byOffset, PackLimits limits, Func<ObjectId, GitObject?>? external, ref long total)
    {
        var resolution = new Resolution(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Type is >= 1 and <= 4)
            {
                resolution.Set(i, new GitObject((ObjectKind)entries[i].Type, entries[i].Data), 0);
            }
        }
        // Reference deltas may name bases later in the pack: sweep until nothing more resolves.
        var progress = true;
        while (progress)
        {
            progress = false;
            for (var i = 0; i < entries.Count; i++)
            {
                if (resolution.Objects[i] is null && TryResolve(i, entries, byOffset, resolution, external, limits, ref total))
                {
                    progress = true;
                }
            }
        }
        var missing = Array.FindIndex(resolution.Objects, o => o is null);
        if (missing >= 0)
        {
            throw new GitFormatException(
                $"the pack object at offset {entries[missing].Offset}: its delta base {entries[missing].BaseId} is not in the pack (or the deltas form a loop)");
        }
        return [.. entries.Select((e, i) => new PackedObject(resolution.Objects[i]!, e.Offset, e.Crc))];
    }

    private static bool TryResolve(
        int index, List<Entry> entries, Dictionary<long, int> byOffset, Resolution resolution,
        Func<ObjectId, GitObject?>? external, PackLimits limits, ref long total)
    {
        // Walk down to a resolved base, then apply the deltas on the way back up: no recursion.
        var chain = new Stack<int>();
        GitObject? baseObject = null;
        var depth = 0;
        for (var current = index; baseObject is null;)
        {
            if (resolution.Objects[current] is { } done)
            {
                (baseObject, depth) = (done, resolution.Depths[current]);
                break;
            }
            chain.Push(current);
            if (chain.Count > limits.MaxDeltaDepth)
            {
                throw new GitFormatException($"the pack object at offset {entries[index].Offset}: a delta chain deeper than {limits.MaxDeltaDepth}");
            }
            var entry = entries[current];
            if (entry.BaseOffset is { } baseOffset)
            {
                current = byOffset[baseOffset];
            }
            else if (resolution.ById.TryGetValue(entry.BaseId!.Value, out var inPack))
            {
                current = inPack;
            }
            else if (external?.Invoke(entry.BaseId!.Value) is { } known)
            {
                baseObject = known;
            }
            else
            {
                return false;
            }
        }
        while (chain.Count > 0)
        {
            var at = chain.Pop();
            var where = $"the pack object at offset {entries[at].Offset}";
            if (++depth > limits.MaxDeltaDepth)
            {
                throw new GitFormatException($"{where}: a delta chain deeper than {limits.MaxDeltaDepth}");
            }
            var data = Delta.Apply(baseObject.Data.Span, entries[at].Data, limits.MaxObjectBytes, where);
            total += data.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new GitFormatException($"the pack's objects come to over {limits.MaxTotalBytes} bytes");
            }
            baseObject = new GitObject(baseObject.Kind, data);
            resolution.Set(at, baseObject, depth);
        }
        return true;
    }

    /// <summary>The objects rebuilt so far, with their delta depth, by pack position and by name.</summary>
    private sealed class Resolution(int count)
    {
        public GitObject?[] Objects { get; } = new GitObject?[count];

        public int[] Depths { get; } = new int[count];

        public Dictionary<ObjectId, int> ById { get; } = [];

        public void Set(int index, GitObject obj, int depth)
        {
            Objects[index] = obj;
            Depths[index] = depth;
            ById.TryAdd(obj.Id, index);
        }
    }

    private static byte Next(ReadOnlySpan<byte> bytes, ref int position, string where) =>
        position < bytes.Length ? bytes[position++] : throw new GitFormatException($"{where}: the pack ends inside its header");

    private sealed record Entry(long Offset, int Type, byte[] Data, long? BaseOffset, ObjectId? BaseId, uint Crc);
}
