using Mirage.Runtime.Block;

namespace Mirage.Runtime.Tar;

/// <summary>Byte ranges of a block device: whole sectors below, read-modify-write at the edges.</summary>
internal static class BlockBytes
{
    /// <summary>Fills <paramref name="target"/> with the device's bytes from <paramref name="offset"/>.</summary>
    public static async ValueTask<BlockError?> ReadAsync(IBlock block, long offset, Memory<byte> target, CancellationToken cancellationToken)
    {
        if (target.IsEmpty)
        {
            return null;
        }
        var (first, _, sectors) = Cover(block, offset, target.Length);
        if (await block.ReadAsync(first, sectors, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }
        sectors.AsMemory((int)(offset - first * block.Info.SectorSize), target.Length).CopyTo(target);
        return null;
    }

    /// <summary>Writes <paramref name="data"/> at the device's byte <paramref name="offset"/>, keeping the bytes around it.</summary>
    public static async ValueTask<BlockError?> WriteAsync(IBlock block, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            return null;
        }
        var size = block.Info.SectorSize;
        var (first, last, sectors) = Cover(block, offset, data.Length);
        var start = (int)(offset - first * size);
        if (start != 0 && await block.ReadAsync(first, sectors.AsMemory(0, size), cancellationToken).ConfigureAwait(false) is { } head)
        {
            return head;
        }
        if ((start + data.Length) % size != 0
            && await block.ReadAsync(last, sectors.AsMemory(sectors.Length - size, size), cancellationToken).ConfigureAwait(false) is { } tail)
        {
            return tail;
        }
        data.CopyTo(sectors.AsMemory(start));
        return await block.WriteAsync(first, sectors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sectors holding <paramref name="length"/> bytes from <paramref name="offset"/>: the first, the last, and a buffer for them.</summary>
    private static (long First, long Last, byte[] Sectors) Cover(IBlock block, long offset, int length)
    {
        var size = block.Info.SectorSize;
        var first = offset / size;
        var last = (offset + length - 1) / size;
        return (first, last, new byte[checked((int)((last - first + 1) * size))]);
    }
}
