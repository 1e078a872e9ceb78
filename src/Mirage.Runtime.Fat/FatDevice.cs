using Mirage.Runtime.Block;

namespace Mirage.Runtime.Fat;

/// <summary>Reads of a FAT file system's regions, which start on whole sectors of the device.</summary>
internal static class FatDevice
{
    /// <summary><paramref name="bytes"/> bytes from <paramref name="offset"/> (a sector boundary), rounded up to whole sectors.</summary>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task<byte[]> ReadAsync(IBlock block, long offset, long bytes, CancellationToken cancellationToken)
    {
        var size = block.Info.SectorSize;
        var buffer = new byte[checked((int)((bytes + size - 1) / size * size))];
        await ReadIntoAsync(block, offset, buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    /// <summary>Fills <paramref name="buffer"/> (whole sectors) from <paramref name="offset"/> (a sector boundary).</summary>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task ReadIntoAsync(IBlock block, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (await block.ReadAsync(offset / block.Info.SectorSize, buffer, cancellationToken).ConfigureAwait(false) is { } error)
        {
            throw new IOException($"FAT: reading {buffer.Length} bytes at byte {offset} failed: {error.Message}");
        }
    }
}
