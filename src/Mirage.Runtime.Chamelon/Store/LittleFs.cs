using System.Buffers.Binary;
using Mirage.Runtime.Block;
using Mirage.Runtime.Chamelon.Format;

namespace Mirage.Runtime.Chamelon.Store;

/// <summary>
/// The littlefs v2 file system over a block device whose sectors are its blocks: fetching metadata
/// pairs, committing to them, compacting (and splitting) them, and allocating blocks. Every change
/// is copy-on-write and becomes visible in one commit, so a write cut short leaves the state before
/// it. No caching: each operation reads what it needs.
/// </summary>
internal sealed class LittleFs
{
    /// <summary>
    /// Compactions of a metadata pair's blocks before one moves (littlefs's <c>block_cycles</c>, within the
    /// 100 to 1000 its documentation suggests; upstream chamelon does not move pairs).
    /// </summary>
    public const int DefaultBlockCycles = 500;

    private readonly int _programBlockSize;
    private readonly int _blockCycles;

    private LittleFs(BlockIo io, int programBlockSize, Superblock superblock, uint seed, int blockCycles)
    {
        Io = io;
        _programBlockSize = programBlockSize;
        _blockCycles = blockCycles;
        Superblock = superblock;
        Allocator = new Allocator(io.Count, seed, ScanAsync);
    }

    /// <summary>Whole-block I/O, bounded by the image's block count.</summary>
    public BlockIo Io { get; }

    /// <summary>The superblock read at mount.</summary>
    public Superblock Superblock { get; }

    /// <summary>Where new blocks come from.</summary>
    public Allocator Allocator { get; }

    /// <summary>The largest file kept inline in its metadata (littlefs's default: an eighth of a block).</summary>
    public int InlineMax => Math.Min(Io.Size / 8, 1022);

    /// <summary>Writes an empty file system: the superblock in pair {0, 1}, which is also the root directory.</summary>
    public static async ValueTask FormatAsync(IBlock device, int programBlockSize, CancellationToken cancellationToken)
    {
        var io = new BlockIo(device, BlockCount(device));
        var erased = new byte[io.Size];
        erased.AsSpan().Fill(0xFF);
        await io.WriteAsync(1, erased, cancellationToken).ConfigureAwait(false);
        var state = new MetadataState();
        state.Entries.Add(Format.Superblock.For(io.Size, io.Count).ToEntry());
        await io.WriteAsync(0, Compacted(erased, programBlockSize, 1, state), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the superblock and checks it against the device.</summary>
    /// <exception cref="CorruptImageException">Not a littlefs v2 image this device can hold.</exception>
    /// <remarks><paramref name="blockCycles"/>: compactions between moves of a pair (<see cref="DefaultBlockCycles"/>; 0: never move).</remarks>
    public static async ValueTask<LittleFs> MountAsync(
        IBlock device, int programBlockSize, CancellationToken cancellationToken, int blockCycles = DefaultBlockCycles)
    {
        var io = new BlockIo(device, BlockCount(device));
        var probe = new LittleFs(io, programBlockSize, Format.Superblock.For(io.Size, io.Count), 0, 0);
        LoadedPair root;
        try
        {
            root = await probe.FetchAsync(Pair.Root, cancellationToken).ConfigureAwait(false);
        }
        catch (CorruptImageException)
        {
            throw new CorruptImageException("blocks 0 and 1 hold no littlefs superblock (no valid commit: is the device formatted?)");
        }
        var superblock = Format.Superblock.Read(root.State, io.Size, io.Count);
        var mounted = new BlockIo(device, superblock.BlockCount);
        return new LittleFs(mounted, programBlockSize, superblock, root.Block.Revision, blockCycles);
    }

    /// <summary>Reads both blocks of <paramref name="pair"/> and keeps the newer one whose commits check out.</summary>
    /// <exception cref="CorruptImageException">Neither block holds a valid commit.</exception>
    public async ValueTask<LoadedPair> FetchAsync(Pair pair, CancellationToken cancellationToken)
    {
        var a = await Io.ReadAsync(pair.A, cancellationToken).ConfigureAwait(false);
        var b = await Io.ReadAsync(pair.B, cancellationToken).ConfigureAwait(false);
        var parsedA = MetadataBlock.Parse(a);
        var parsedB = MetadataBlock.Parse(b);
        var bFirst = MetadataBlock.Newer(parsedB.Revision, parsedA.Revision);
        (uint Block, byte[] Image, MetadataBlock Parsed)[] order = bFirst
            ? [(pair.B, b, parsedB), (pair.A, a, parsedA)]
            : [(pair.A, a, parsedA), (pair.B, b, parsedB)];
        for (var i = 0; i < 2; i++)
        {
            if (order[i].Parsed.Valid)
            {
                return new LoadedPair(pair, order[i].Block, order[1 - i].Block, order[i].Image, order[i].Parsed, order[1 - i].Image);
            }
        }
        throw new CorruptImageException($"metadata pair {pair} holds no valid commit");
    }

    /// <summary>
    /// Applies <paramref name="tags"/> to <paramref name="pair"/>: appended as a commit when they fit
    /// in its current block, otherwise by compacting the pair into its other block (split into more
    /// pairs, linked by hard tails, when its entries no longer fit in one).
    /// </summary>
    public async ValueTask CommitAsync(LoadedPair pair, IReadOnlyList<(Tag Tag, byte[] Data)> tags, CancellationToken cancellationToken)
    {
        var next = pair.State.Clone();
        foreach (var (tag, data) in tags)
        {
            next.Apply(tag, data);
        }
        var start = pair.Block.End;
        var size = MetadataBlock.CommitSize(start, tags.Count, tags.Sum(t => t.Data.Length), _programBlockSize);
        if (start + size <= Io.Size && next.Entries.Count < MetadataState.MaxEntries)
        {
            var commit = MetadataBlock.EncodeCommit(Crc.Initial, start, _programBlockSize, pair.Block.PreviousTag, tags, pair.Image, out _);
            var image = (byte[])pair.Image.Clone();
            commit.CopyTo(image, start);
            await Io.WriteAsync(pair.Active, image, cancellationToken).ConfigureAwait(false);
            return;
        }
        await CompactAsync(pair, next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rewrites <paramref name="pair"/> as <paramref name="state"/> in one commit in its other block, one revision
    /// on; every <see cref="DefaultBlockCycles"/>th time (the revision count says), as littlefs does for wear, into
    /// a fresh block instead, which then replaces the other block in the pair (see <see cref="RelocateAsync"/>).
    /// The superblock pair {0, 1} cannot move: there, as littlefs, the root directory's entries move out to a
    /// new pair its hard tail names, so that later changes to the root wear that pair, not blocks 0 and 1.
    /// </summary>
    public async ValueTask CompactAsync(LoadedPair pair, MetadataState state, CancellationToken cancellationToken)
    {
        var revision = pair.Block.Revision + 1;
        if (_blockCycles <= 0 || revision % (uint)((_blockCycles + 1) | 1) != 0)
        {
            await WriteStateAsync(pair.Other, pair.OtherImage, revision, state, cancellationToken).ConfigureAwait(false);
        }
        else if (!pair.Pair.SameAs(Pair.Root))
        {
            await RelocateAsync(pair, revision, state, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteStateAsync(pair.Other, pair.OtherImage, revision, state, cancellationToken, splitAfter: 1).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes <paramref name="state"/> into a fresh block, which with the pair's current block makes the pair's new
    /// place, then points every pair that named the old place (a directory struct, a tail) at the new one, one commit
    /// each. Until those commits, the old place is whole and still named: a power cut loses nothing, and the fresh
    /// block is free again at the next scan. After them, the old pair's other block is free.
    /// </summary>
    private async ValueTask RelocateAsync(LoadedPair pair, uint revision, MetadataState state, CancellationToken cancellationToken)
    {
        var fresh = await Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
        var old = await Io.ReadAsync(fresh, cancellationToken).ConfigureAwait(false);
        await WriteStateAsync(fresh, old, revision, state, cancellationToken).ConfigureAwait(false);
        var moved = new Pair(pair.Active, fresh);
        // One referrer at a time, found afresh: a commit to one may move it and so change another.
        while (await ReferrerAsync(pair.Pair, moved, cancellationToken).ConfigureAwait(false) is { } referrer)
        {
            await CommitAsync(referrer.Pair, referrer.Tags, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A reachable pair that names <paramref name="old"/>, with the tags that name <paramref name="moved"/> instead; null when none does.</summary>
    private async ValueTask<(LoadedPair Pair, List<(Tag Tag, byte[] Data)> Tags)?> ReferrerAsync(Pair old, Pair moved, CancellationToken cancellationToken)
    {
        var visited = new HashSet<(uint, uint)>();
        var pending = new Queue<Pair>([Pair.Root]);
        while (pending.TryDequeue(out var pair))
        {
            if (!visited.Add((Math.Min(pair.A, pair.B), Math.Max(pair.A, pair.B))))
            {
                continue;
            }
            var loaded = await FetchAsync(pair, cancellationToken).ConfigureAwait(false);
            var tags = new List<(Tag Tag, byte[] Data)>();
            for (var id = 0; id < loaded.State.Entries.Count; id++)
            {
                var entry = loaded.State.Entries[id];
                if (entry.StructType == Tag.TypeDirStruct)
                {
                    var child = Pair.Decode(entry.Struct, "a directory struct");
                    if (child.SameAs(old))
                    {
                        tags.Add((new Tag(Tag.TypeDirStruct, id, 8), moved.Encode()));
                    }
                    pending.Enqueue(child);
                }
            }
            if (loaded.State.Tail is { } tail)
            {
                if (tail.SameAs(old))
                {
                    tags.Add((new Tag(loaded.State.HardTail ? Tag.TypeHardTail : Tag.TypeSoftTail, Tag.NoId, 8), moved.Encode()));
                }
                pending.Enqueue(tail);
            }
            if (tags.Count > 0)
            {
                return (loaded, tags);
            }
        }
        return null;
    }

    /// <summary>A new metadata pair holding <paramref name="state"/>.</summary>
    public async ValueTask<Pair> CreatePairAsync(MetadataState state, CancellationToken cancellationToken)
    {
        var a = await Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
        var b = await Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
        // Whatever block a holds (an old pair's revision, say), b is written one revision newer so a fetch prefers it.
        var oldA = await Io.ReadAsync(a, cancellationToken).ConfigureAwait(false);
        var oldB = await Io.ReadAsync(b, cancellationToken).ConfigureAwait(false);
        await WriteStateAsync(b, oldB, BinaryPrimitives.ReadUInt32LittleEndian(oldA) + 1, state, cancellationToken).ConfigureAwait(false);
        return new Pair(a, b);
    }

    /// <summary>
    /// Every block in use: both blocks of every reachable pair and every block of every file.
    /// </summary>
    /// <exception cref="CorruptImageException">A pair or a file past the device, or a file larger than it.</exception>
    public async ValueTask<bool[]> ScanAsync(CancellationToken cancellationToken)
    {
        var used = new bool[Io.Count];
        var visited = new HashSet<(uint, uint)>();
        var pending = new Queue<Pair>([Pair.Root]);
        while (pending.TryDequeue(out var pair))
        {
            // A pair reached again (a rename cut between linking and unlinking leaves two names for
            // one directory; a hostile image, a loop) is counted once.
            if (!visited.Add((Math.Min(pair.A, pair.B), Math.Max(pair.A, pair.B))))
            {
                continue;
            }
            foreach (var block in new[] { pair.A, pair.B })
            {
                if (block >= Io.Count)
                {
                    throw new CorruptImageException($"metadata pair {pair} lies past the end of the image ({Io.Count} blocks)");
                }
                used[block] = true;
            }
            var loaded = await FetchAsync(pair, cancellationToken).ConfigureAwait(false);
            foreach (var entry in loaded.State.Entries)
            {
                if (entry.StructType == Tag.TypeDirStruct)
                {
                    pending.Enqueue(Pair.Decode(entry.Struct, "a directory struct"));
                }
                else if (entry.StructType == Tag.TypeCtzStruct)
                {
                    await foreach (var block in FileBlocksAsync(entry.Struct, cancellationToken).ConfigureAwait(false))
                    {
                        if (block >= Io.Count)
                        {
                            throw new CorruptImageException($"a file's block {block} lies past the end of the image ({Io.Count} blocks)");
                        }
                        used[block] = true;
                    }
                }
            }
            if (loaded.State.Tail is { } tail)
            {
                pending.Enqueue(tail);
            }
        }
        return used;
    }

    /// <summary>The blocks of a CTZ file, from its head back to its first block.</summary>
    public async IAsyncEnumerable<uint> FileBlocksAsync(
        byte[] ctzStruct, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (head, size) = CheckedCtz(ctzStruct);
        if (size == 0)
        {
            yield break;
        }
        var block = head;
        for (var index = Ctz.HeadIndex(size, Io.Size); ; index--)
        {
            yield return block;
            if (index == 0)
            {
                yield break;
            }
            var image = await Io.ReadAsync(block, cancellationToken).ConfigureAwait(false);
            block = BinaryPrimitives.ReadUInt32LittleEndian(image);
        }
    }

    /// <summary>A CTZ struct whose size the device could hold.</summary>
    /// <exception cref="CorruptImageException">Its size is past the device.</exception>
    public (uint Head, uint Size) CheckedCtz(byte[] ctzStruct)
    {
        var (head, size) = Ctz.DecodeStruct(ctzStruct);
        if (size > (long)Io.Count * Io.Size || size > Superblock.FileMax)
        {
            throw new CorruptImageException($"a file says it is {size} bytes, more than the device holds");
        }
        return (head, size);
    }

    /// <summary>Writes <paramref name="data"/> as a CTZ skip-list in new blocks; returns its struct.</summary>
    public async ValueTask<byte[]> WriteFileAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var count = Ctz.HeadIndex(data.Length, Io.Size) + 1;
        var blocks = new uint[count];
        var image = new byte[Io.Size];
        var taken = 0;
        for (var i = 0; i < count; i++)
        {
            blocks[i] = await Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
            var pointers = Ctz.Pointers(i);
            for (var k = 0; k < pointers; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4 * k), blocks[i - (1 << k)]);
            }
            var length = Math.Min(Io.Size - (4 * pointers), data.Length - taken);
            data.Span.Slice(taken, length).CopyTo(image.AsSpan(4 * pointers));
            image.AsSpan((4 * pointers) + length).Clear();
            taken += length;
            await Io.WriteAsync(blocks[i], image, cancellationToken).ConfigureAwait(false);
        }
        return Ctz.EncodeStruct(blocks[^1], (uint)data.Length);
    }

    /// <summary>Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> of a CTZ file (within its size).</summary>
    public async ValueTask<byte[]> ReadFileAsync(byte[] ctzStruct, long offset, int length, CancellationToken cancellationToken)
    {
        var (head, size) = CheckedCtz(ctzStruct);
        var result = new byte[length];
        if (length == 0)
        {
            return result;
        }
        var last = Ctz.Locate(offset + length - 1, Io.Size).Index;
        var first = Ctz.Locate(offset, Io.Size).Index;
        var index = Ctz.HeadIndex(size, Io.Size);
        var block = head;
        // Skip down the list to the last block wanted, taking the longest jump that does not overshoot.
        while (index > last)
        {
            var skip = Math.Min(Ctz.Pointers(index) - 1, 63 - (int)long.LeadingZeroCount(index - last));
            var image = await Io.ReadAsync(block, cancellationToken).ConfigureAwait(false);
            block = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(4 * skip));
            index -= 1L << skip;
        }
        for (; index >= first; index--)
        {
            var image = await Io.ReadAsync(block, cancellationToken).ConfigureAwait(false);
            var dataStart = FileOffsetOf(index);
            var from = Math.Max(offset, dataStart);
            var to = Math.Min(offset + length, dataStart + Ctz.Capacity(index, Io.Size));
            if (to > from)
            {
                image.AsSpan((int)(from - dataStart + (4 * Ctz.Pointers(index))), (int)(to - from)).CopyTo(result.AsSpan((int)(from - offset)));
            }
            if (index > 0)
            {
                block = BinaryPrimitives.ReadUInt32LittleEndian(image);
            }
        }
        return result;
    }

    /// <summary>The file offset of the first data byte of block <paramref name="index"/>.</summary>
    public long FileOffsetOf(long index) => index == 0
        ? 0
        : (index * Io.Size) - (4 * ((2 * (index - 1)) - System.Numerics.BitOperations.PopCount((ulong)(index - 1))));

    /// <summary>Writes <paramref name="state"/> compacted into <paramref name="block"/>; what does not fit (or follows entry <paramref name="splitAfter"/>) goes to a new pair its hard tail names.</summary>
    private async ValueTask WriteStateAsync(
        uint block, byte[] old, uint revision, MetadataState state, CancellationToken cancellationToken, int splitAfter = int.MaxValue)
    {
        var (keep, rest) = Split(state, splitAfter);
        if (rest is not null)
        {
            keep.Tail = await CreatePairAsync(rest, cancellationToken).ConfigureAwait(false);
            keep.HardTail = true;
        }
        await Io.WriteAsync(block, Compacted(old, _programBlockSize, revision, keep), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The entries that stay (as many as fit in half a block, as littlefs leaves room for commits,
    /// at least one) and, when some do not, the rest with the tail, for a new pair.
    /// </summary>
    private (MetadataState Keep, MetadataState? Remainder) Split(MetadataState state, int most)
    {
        var budget = Math.Max(Io.Size / 2, 4 + _programBlockSize);
        var used = 4 + 12 + 8;
        var keep = new MetadataState { Tail = state.Tail, HardTail = state.HardTail };
        var i = 0;
        for (; i < state.Entries.Count; i++)
        {
            var cost = state.Entries[i].Tags(i).Sum(t => 4 + t.Data.Length);
            if (i > 0 && (used + cost > budget || i >= most))
            {
                break;
            }
            used += cost;
            keep.Entries.Add(state.Entries[i]);
        }
        if (i == state.Entries.Count)
        {
            return (keep, null);
        }
        var rest = new MetadataState { Tail = state.Tail, HardTail = state.HardTail };
        rest.Entries.AddRange(state.Entries.Skip(i));
        return (keep, rest);
    }

    /// <summary>
    /// A whole metadata block: the revision count and one commit recreating <paramref name="state"/>
    /// over what <paramref name="old"/> held, whose later bytes stay (and cannot read as a commit).
    /// </summary>
    private static byte[] Compacted(byte[] old, int programBlockSize, uint revision, MetadataState state)
    {
        var blockSize = old.Length;
        var image = (byte[])old.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image, revision);
        var tags = state.Entries.SelectMany((e, id) => e.Tags(id)).ToList();
        if (state.Tail is { } tail)
        {
            tags.Add((new Tag(state.HardTail ? Tag.TypeHardTail : Tag.TypeSoftTail, Tag.NoId, 8), tail.Encode()));
        }
        var commit = MetadataBlock.EncodeCommit(Crc.Update(Crc.Initial, image.AsSpan(0, 4)), 4, programBlockSize, 0xFFFF_FFFF, tags, old, out _);
        if (4 + commit.Length > blockSize)
        {
            throw new InvalidOperationException($"a compacted metadata block needs {4 + commit.Length} bytes, more than a block ({blockSize})");
        }
        commit.CopyTo(image, 4);
        return image;
    }

    private static uint BlockCount(IBlock device) => (uint)Math.Min(device.Info.SizeSectors, uint.MaxValue);
}
