using System.Text;
using Mirage.Runtime.Chamelon.Format;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Chamelon.Store;

/// <summary>Where an entry is: the pair holding it, its id there, and its tags' state.</summary>
internal sealed record Located(LoadedPair Pair, int Id, Entry Entry)
{
    /// <summary>Value or dictionary.</summary>
    public KvEntryKind Kind => Entry.NameType == Tag.TypeDirectory ? KvEntryKind.Dictionary : KvEntryKind.Value;

    /// <summary>The first pair of the directory this entry is.</summary>
    public Pair Directory => Format.Pair.Decode(Entry.Struct, "a directory struct");
}

/// <summary>
/// Keys as littlefs paths: a directory is a list of metadata pairs joined by hard tails, each entry
/// a file (a value) or a directory (a dictionary) named by one key segment.
/// </summary>
internal sealed class Tree(LittleFs fs)
{
    /// <summary>The entry <paramref name="name"/> in the directory starting at <paramref name="first"/>, and the directory's last pair.</summary>
    public async ValueTask<(Located? Found, LoadedPair Last)> FindAsync(Pair first, string name, CancellationToken cancellationToken)
    {
        var wanted = Encoding.UTF8.GetBytes(name);
        LoadedPair? last = null;
        await foreach (var pair in PairsAsync(first, cancellationToken).ConfigureAwait(false))
        {
            last = pair;
            var entries = pair.State.Entries;
            for (var id = 0; id < entries.Count; id++)
            {
                if (IsNamed(entries[id]) && entries[id].Name.AsSpan().SequenceEqual(wanted))
                {
                    return (new Located(pair, id, entries[id]), pair);
                }
            }
        }
        return (null, last!);
    }

    /// <summary>
    /// What <paramref name="key"/> is: null when it is missing or a value lies on the way (as
    /// <c>kv_rw_mem</c> says nothing is there), the root for the empty key.
    /// </summary>
    public async ValueTask<(KvEntryKind? Kind, Located? Entry)> LookupAsync(Key key, CancellationToken cancellationToken)
    {
        var directory = Pair.Root;
        Located? found = null;
        foreach (var segment in key.Segments)
        {
            if (found is { Kind: KvEntryKind.Value })
            {
                return (null, null);
            }
            if (found is not null)
            {
                directory = found.Directory;
            }
            (found, _) = await FindAsync(directory, segment, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return (null, null);
            }
        }
        return (found?.Kind ?? KvEntryKind.Dictionary, found);
    }

    /// <summary>The first key above <paramref name="key"/> bound to a value, if any.</summary>
    public async ValueTask<Key?> ValueAboveAsync(Key key, CancellationToken cancellationToken)
    {
        var above = Key.Empty;
        foreach (var segment in key.Segments.Take(key.Segments.Count - 1))
        {
            above = above.Add(segment);
            var (kind, _) = await LookupAsync(above, cancellationToken).ConfigureAwait(false);
            if (kind is null)
            {
                return null;
            }
            if (kind == KvEntryKind.Value)
            {
                return above;
            }
        }
        return null;
    }

    /// <summary>
    /// The deepest directory on the way to the dictionary <paramref name="key"/> that exists, and the
    /// segments below it that do not; null when a value is in the way.
    /// </summary>
    public async ValueTask<(Pair Directory, List<string> Missing)?> ReachAsync(Key key, CancellationToken cancellationToken)
    {
        var directory = Pair.Root;
        var segments = key.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var (found, _) = await FindAsync(directory, segments[i], cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return (directory, segments.Skip(i).ToList());
            }
            if (found.Kind == KvEntryKind.Value)
            {
                return null;
            }
            directory = found.Directory;
        }
        return (directory, []);
    }

    /// <summary>
    /// Binds <paramref name="entry"/> below <paramref name="directory"/>, inside the directories
    /// <paramref name="missing"/> names. Those are written first, inside out, as pairs nothing points
    /// to yet; one commit in <paramref name="directory"/> then makes all of it appear at once.
    /// </summary>
    public async ValueTask BindAsync(Pair directory, IReadOnlyList<string> missing, Entry entry, CancellationToken cancellationToken)
    {
        for (var i = missing.Count - 1; i >= 0; i--)
        {
            var inner = new MetadataState();
            inner.Entries.Add(entry);
            var pair = await fs.CreatePairAsync(inner, cancellationToken).ConfigureAwait(false);
            entry = new Entry
            {
                NameType = Tag.TypeDirectory,
                Name = Encoding.UTF8.GetBytes(missing[i]),
                StructType = Tag.TypeDirStruct,
                Struct = pair.Encode(),
            };
        }
        var (found, last) = await FindAsync(directory, Encoding.UTF8.GetString(entry.Name), cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            await fs.CommitAsync(last, entry.Tags(last.State.Entries.Count).ToList(), cancellationToken).ConfigureAwait(false);
            return;
        }
        var id = found.Id;
        var tags = new List<(Tag, byte[])>
        {
            (new Tag(entry.NameType, id, entry.Name.Length), entry.Name),
            (new Tag(entry.StructType, id, entry.Struct.Length), entry.Struct),
        };
        foreach (var type in found.Entry.Attributes.Keys.Where(t => !entry.Attributes.ContainsKey(t)))
        {
            tags.Add((new Tag(Tag.TypeUserAttr | type, id, Tag.DeletedLength), []));
        }
        tags.AddRange(entry.Attributes.Select(a => (new Tag(Tag.TypeUserAttr | a.Key, id, a.Value.Length), a.Value)));
        await fs.CommitAsync(found.Pair, tags, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the entry at <paramref name="where"/>; what it pointed to is freed by the next scan.</summary>
    public ValueTask UnbindAsync(Located where, CancellationToken cancellationToken) =>
        fs.CommitAsync(where.Pair, [(new Tag(Tag.TypeDelete, where.Id, 0), [])], cancellationToken);

    /// <summary>The named entries of the directory starting at <paramref name="first"/>, in name order.</summary>
    public async ValueTask<List<(string Name, Located Entry)>> ListAsync(Pair first, CancellationToken cancellationToken)
    {
        var list = new List<(string, Located)>();
        await foreach (var pair in PairsAsync(first, cancellationToken).ConfigureAwait(false))
        {
            for (var id = 0; id < pair.State.Entries.Count; id++)
            {
                if (IsNamed(pair.State.Entries[id]))
                {
                    list.Add((Encoding.UTF8.GetString(pair.State.Entries[id].Name), new Located(pair, id, pair.State.Entries[id])));
                }
            }
        }
        list.Sort((x, y) => string.CompareOrdinal(x.Item1, y.Item1));
        return list;
    }

    /// <summary>The pairs of a directory, following hard tails, refusing a loop.</summary>
    private async IAsyncEnumerable<LoadedPair> PairsAsync(
        Pair first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<uint>();
        Pair? next = first;
        while (next is { } pair)
        {
            if (!seen.Add(pair.A) || !seen.Add(pair.B))
            {
                throw new CorruptImageException($"the tail list of the directory at {first} loops back to {pair}");
            }
            var loaded = await fs.FetchAsync(pair, cancellationToken).ConfigureAwait(false);
            yield return loaded;
            next = loaded.State.HardTail ? loaded.State.Tail : null;
        }
    }

    private static bool IsNamed(Entry entry) => entry.NameType is Tag.TypeRegular or Tag.TypeDirectory;
}
