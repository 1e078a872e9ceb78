using System.Buffers.Binary;

namespace Mirage.Runtime.Fat;

/// <summary>
/// A file allocation table held in memory: the next cluster of each cluster, and the chains that
/// follow from a first cluster, checked to stay inside the file system and never to loop.
/// </summary>
public sealed class FatTable
{
    private readonly byte[] _table;

    /// <summary>A table of <paramref name="layout"/>'s kind over the bytes <paramref name="table"/> (at least <see cref="FatLayout.FatBytes"/>).</summary>
    public FatTable(FatLayout layout, byte[] table)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(table.Length, layout.FatBytes);
        Layout = layout;
        _table = table;
    }

    /// <summary>The file system the table belongs to.</summary>
    public FatLayout Layout { get; }

    /// <summary>The raw entry of <paramref name="cluster"/> (a data cluster), 28 bits on FAT32.</summary>
    public uint Entry(uint cluster) => Layout.Kind switch
    {
        FatKind.Fat12 => (cluster & 1) == 0
            ? BinaryPrimitives.ReadUInt16LittleEndian(_table.AsSpan((int)(cluster + (cluster / 2)))) & 0xFFFu
            : (uint)BinaryPrimitives.ReadUInt16LittleEndian(_table.AsSpan((int)(cluster + (cluster / 2)))) >> 4,
        FatKind.Fat16 => BinaryPrimitives.ReadUInt16LittleEndian(_table.AsSpan((int)cluster * 2)),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(_table.AsSpan((int)cluster * 4)) & 0x0FFFFFFFu,
    };

    /// <summary>Whether the entry <paramref name="entry"/> ends a chain.</summary>
    public bool IsEnd(uint entry) => entry >= Layout.Kind switch
    {
        FatKind.Fat12 => 0xFF8u,
        FatKind.Fat16 => 0xFFF8u,
        _ => 0x0FFFFFF8u,
    };

    /// <summary>
    /// The clusters of the chain starting at <paramref name="first"/>, at most <paramref name="needed"/>
    /// of them (a chain may run past its file's size; the rest is not followed).
    /// </summary>
    /// <exception cref="InvalidDataException">The chain leaves the file system, meets a free or bad cluster, loops, or ends before <paramref name="needed"/> clusters; <paramref name="what"/> names it in the message.</exception>
    public uint[] Chain(uint first, long needed, string what)
    {
        // A chain longer than the clusters there are has looped: that bounds the walk.
        if (needed > Layout.ClusterCount)
        {
            throw Damaged(what, $"needs {needed} clusters, the file system has {Layout.ClusterCount}");
        }
        var chain = new uint[needed];
        var cluster = first;
        for (var i = 0; i < needed; i++)
        {
            if (!Layout.IsDataCluster(cluster))
            {
                throw Damaged(what, i == 0
                    ? $"starts at cluster {cluster}, outside clusters 2 to {Layout.ClusterCount + 1}"
                    : $"leads from cluster {chain[i - 1]} to {cluster}, outside clusters 2 to {Layout.ClusterCount + 1}");
            }
            chain[i] = cluster;
            if (i + 1 == needed)
            {
                break;
            }
            var next = Entry(cluster);
            if (IsEnd(next))
            {
                throw Damaged(what, $"ends after {i + 1} clusters, its size needs {needed}");
            }
            cluster = next;
        }
        return chain;
    }

    /// <summary>The whole chain from <paramref name="first"/>, to its end mark (a directory's clusters).</summary>
    /// <exception cref="InvalidDataException">The chain leaves the file system or loops.</exception>
    public uint[] WholeChain(uint first, string what)
    {
        var chain = new List<uint>();
        for (var cluster = first; ; cluster = Entry(cluster))
        {
            if (!Layout.IsDataCluster(cluster))
            {
                throw Damaged(what, $"reaches cluster {cluster}, outside clusters 2 to {Layout.ClusterCount + 1}");
            }
            if (chain.Count == Layout.ClusterCount)
            {
                throw Damaged(what, "loops: it is longer than the file system");
            }
            chain.Add(cluster);
            if (IsEnd(Entry(cluster)))
            {
                return [.. chain];
            }
        }
    }

    private static InvalidDataException Damaged(string what, string why) => new($"FAT: the cluster chain of {what} {why}");
}
