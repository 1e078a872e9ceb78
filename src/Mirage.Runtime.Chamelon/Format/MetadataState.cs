namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// What a metadata pair says once its tags are applied in order: its entries (ids are positions in
/// <see cref="Entries"/>) and its tail. One home for the meaning of each tag, used both when reading
/// a block and when working out what a new commit will leave.
/// </summary>
internal sealed class MetadataState
{
    /// <summary>Most entries a pair may hold (ids are 10 bits, 0x3FF meaning none).</summary>
    public const int MaxEntries = Tag.NoId;

    /// <summary>The entries, by id.</summary>
    public List<Entry> Entries { get; } = [];

    /// <summary>The next pair, or null at the end of the list.</summary>
    public Pair? Tail { get; set; }

    /// <summary>True when <see cref="Tail"/> continues this directory (a hard tail), false for the threaded list.</summary>
    public bool HardTail { get; set; }

    /// <summary>A copy that later tags can change without changing this one.</summary>
    public MetadataState Clone()
    {
        var copy = new MetadataState { Tail = Tail, HardTail = HardTail };
        copy.Entries.AddRange(Entries.Select(e => e.Clone()));
        return copy;
    }

    /// <summary>Applies one tag and its data.</summary>
    /// <exception cref="CorruptImageException">The tag names an entry that is not there, or its data is malformed.</exception>
    public void Apply(Tag tag, ReadOnlySpan<byte> data)
    {
        switch (tag.Type1)
        {
            case 0x4 when tag.Chunk == (Tag.TypeCreate & 0xFF):
                CheckId(tag, Entries.Count);
                if (Entries.Count >= MaxEntries)
                {
                    throw new CorruptImageException($"a metadata pair holds more than {MaxEntries} entries");
                }
                Entries.Insert(tag.Id, new Entry());
                break;
            case 0x4 when tag.Chunk == (Tag.TypeDelete & 0xFF):
                CheckId(tag, Entries.Count - 1);
                Entries.RemoveAt(tag.Id);
                break;
            case 0x0:
                if (tag.Id >= MaxEntries)
                {
                    throw new CorruptImageException($"{tag} names no entry");
                }
                while (Entries.Count <= tag.Id)
                {
                    Entries.Add(new Entry());
                }
                Entries[tag.Id].NameType = tag.Type;
                Entries[tag.Id].Name = data.ToArray();
                break;
            case 0x2:
                CheckId(tag, Entries.Count - 1);
                Entries[tag.Id].StructType = tag.IsDeleted ? -1 : tag.Type;
                Entries[tag.Id].Struct = data.ToArray();
                break;
            case 0x3:
                CheckId(tag, Entries.Count - 1);
                if (tag.IsDeleted)
                {
                    Entries[tag.Id].Attributes.Remove(tag.Chunk);
                }
                else
                {
                    Entries[tag.Id].Attributes[tag.Chunk] = data.ToArray();
                }
                break;
            case 0x6:
                Tail = tag.IsDeleted ? null : Pair.Decode(data, "a tail tag");
                HardTail = (tag.Chunk & 1) == 1;
                break;
            default:
                // Global move state (0x7) and anything newer: chamelon keeps no move state.
                break;
        }
    }

    private static void CheckId(Tag tag, int highest)
    {
        if (tag.Id > highest)
        {
            throw new CorruptImageException($"{tag} names an entry that is not there (highest id {highest})");
        }
    }
}
