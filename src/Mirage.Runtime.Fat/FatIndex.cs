using System.Collections;
using Mirage.Runtime.Block;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Fat;

/// <summary>
/// The keys of a FAT file system: its files as values, its directories as dictionaries, each
/// file's clusters found once. Built at connect by walking every directory from the root; no
/// cluster may belong to two files or directories (that is a loop or a cross-link), so the walk
/// ends on any image.
/// </summary>
internal sealed class FatIndex
{
    private readonly Dictionary<Key, FatFile> _values = [];
    private readonly Dictionary<Key, SortedSet<string>> _dictionaries = new() { [Key.Empty] = new(StringComparer.Ordinal) };

    private FatIndex(FatLayout layout) => Layout = layout;

    /// <summary>Where the file system keeps its parts.</summary>
    public FatLayout Layout { get; }

    /// <summary>What <paramref name="key"/> is, or null.</summary>
    public KvEntryKind? Kind(Key key) =>
        _values.ContainsKey(key) ? KvEntryKind.Value : _dictionaries.ContainsKey(key) ? KvEntryKind.Dictionary : null;

    /// <summary>The file at <paramref name="key"/>, if one is there.</summary>
    public FatFile? Value(Key key) => _values.GetValueOrDefault(key);

    /// <summary>The entries of the dictionary <paramref name="key"/>, in key order (it must be one).</summary>
    public IReadOnlyList<KvEntry> Entries(Key key) =>
        [.. _dictionaries[key].Select(name => new KvEntry(key / name, Kind(key / name)!.Value))];

    /// <summary>Reads the boot sector, the first table and every directory of the file system on <paramref name="block"/>.</summary>
    /// <exception cref="InvalidDataException">The file system is damaged or hostile; the message says where and how.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task<FatIndex> ReadAsync(IBlock block, CancellationToken cancellationToken)
    {
        var info = block.Info;
        var boot = info.SizeBytes < FatLayout.BootSectorBytes
            ? []
            : await FatDevice.ReadAsync(block, 0, FatLayout.BootSectorBytes, cancellationToken).ConfigureAwait(false);
        var layout = FatLayout.Parse(boot, info.SizeBytes, info.SectorSize);
        var table = new FatTable(layout, await FatDevice.ReadAsync(block, layout.FatOffset, layout.FatBytes, cancellationToken).ConfigureAwait(false));
        var index = new FatIndex(layout);
        var used = new BitArray((int)layout.ClusterCount);
        var pending = new Queue<(Key Key, uint[] Clusters)>();

        var rootBytes = layout.Kind == FatKind.Fat32
            ? await index.ReadClustersAsync(block, Claim(used, table.WholeChain(layout.RootCluster, "the root directory"), "the root directory"), cancellationToken).ConfigureAwait(false)
            : await FatDevice.ReadAsync(block, layout.RootOffset, layout.RootBytes, cancellationToken).ConfigureAwait(false);
        var directory = (Key: Key.Empty, Bytes: rootBytes);
        while (true)
        {
            var where = directory.Key.IsEmpty ? "the root directory" : $"the directory {directory.Key}";
            foreach (var entry in FatDirectory.Parse(directory.Bytes, layout.Kind == FatKind.Fat32, where))
            {
                var key = Child(directory.Key, entry.Name, where);
                var what = $"'{key}'";
                if (entry.IsDirectory)
                {
                    index._dictionaries[key] = new(StringComparer.Ordinal);
                    pending.Enqueue((key, Claim(used, table.WholeChain(entry.FirstCluster, what), what)));
                }
                else
                {
                    var needed = (entry.Size + layout.ClusterBytes - 1) / layout.ClusterBytes;
                    var clusters = Claim(used, table.Chain(entry.FirstCluster, needed, what), what);
                    index._values[key] = new FatFile(clusters, entry.Size, entry.Modified);
                }
                index._dictionaries[directory.Key].Add(entry.Name);
            }
            if (!pending.TryDequeue(out var next))
            {
                return index;
            }
            directory = (next.Key, await index.ReadClustersAsync(block, next.Clusters, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The bytes of <paramref name="clusters"/>, one after another.</summary>
    public async Task<byte[]> ReadClustersAsync(IBlock block, uint[] clusters, CancellationToken cancellationToken)
    {
        var bytes = new byte[checked(clusters.Length * Layout.ClusterBytes)];
        for (var i = 0; i < clusters.Length; i++)
        {
            var part = bytes.AsMemory(i * Layout.ClusterBytes, Layout.ClusterBytes);
            await FatDevice.ReadIntoAsync(block, Layout.ClusterOffset(clusters[i]), part, cancellationToken).ConfigureAwait(false);
        }
        return bytes;
    }

    private static Key Child(Key directory, string name, string where)
    {
        try
        {
            return directory / name;
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"FAT: {where} holds the entry '{name}', which is no key: {e.Message}");
        }
    }

    /// <summary>Marks <paramref name="clusters"/> used by <paramref name="what"/>; a cluster used before is a loop or a cross-link.</summary>
    private static uint[] Claim(BitArray used, uint[] clusters, string what)
    {
        foreach (var cluster in clusters)
        {
            if (used[(int)(cluster - 2)])
            {
                throw new InvalidDataException($"FAT: cluster {cluster} of {what} belongs to another file or directory, or comes twice in its chain (a loop or a cross-link)");
            }
            used[(int)(cluster - 2)] = true;
        }
        return clusters;
    }
}
