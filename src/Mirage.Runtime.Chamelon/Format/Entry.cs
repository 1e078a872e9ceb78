namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// One entry of a metadata pair as its tags leave it: a name (with the name tag's type: file,
/// directory or superblock), a struct (where the contents are) and user attributes.
/// </summary>
internal sealed class Entry
{
    /// <summary>The name tag's type (<see cref="Tag.TypeRegular"/>, <see cref="Tag.TypeDirectory"/>, <see cref="Tag.TypeSuperblock"/>), 0 before any.</summary>
    public int NameType { get; set; }

    /// <summary>The name's bytes (UTF-8).</summary>
    public byte[] Name { get; set; } = [];

    /// <summary>The struct tag's type, or -1 before any.</summary>
    public int StructType { get; set; } = -1;

    /// <summary>The struct's data: a pair, inline bytes, or a CTZ head and size.</summary>
    public byte[] Struct { get; set; } = [];

    /// <summary>User attributes by type.</summary>
    public SortedDictionary<int, byte[]> Attributes { get; } = [];

    /// <summary>A copy that later tags can change without changing this one.</summary>
    public Entry Clone()
    {
        var copy = new Entry { NameType = NameType, Name = Name, StructType = StructType, Struct = Struct };
        foreach (var (type, data) in Attributes)
        {
            copy.Attributes[type] = data;
        }
        return copy;
    }

    /// <summary>The tags that recreate this entry at <paramref name="id"/> in a compacted pair.</summary>
    public IEnumerable<(Tag Tag, byte[] Data)> Tags(int id)
    {
        yield return (new Tag(Tag.TypeCreate, id, 0), []);
        yield return (new Tag(NameType, id, Name.Length), Name);
        if (StructType >= 0)
        {
            yield return (new Tag(StructType, id, Struct.Length), Struct);
        }
        foreach (var (type, data) in Attributes)
        {
            yield return (new Tag(Tag.TypeUserAttr | type, id, data.Length), data);
        }
    }
}
