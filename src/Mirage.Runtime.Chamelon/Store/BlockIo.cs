using Mirage.Runtime.Block;
using Mirage.Runtime.Chamelon.Format;

namespace Mirage.Runtime.Chamelon.Store;

/// <summary>
/// Whole-block reads and writes of a littlefs image whose blocks are the device's sectors, refusing
/// any block past <see cref="Count"/> (so a hostile pointer never reads outside the image).
/// </summary>
internal sealed class BlockIo(IBlock device, uint count)
{
    /// <summary>The block size: the device's sector size.</summary>
    public int Size { get; } = device.Info.SectorSize;

    /// <summary>How many blocks the image has.</summary>
    public uint Count { get; } = count;

    /// <summary>Reads block <paramref name="block"/>.</summary>
    /// <exception cref="CorruptImageException">The block is past the image: a pointer in it is wrong.</exception>
    /// <exception cref="StorageFailedException">The device failed.</exception>
    public async ValueTask<byte[]> ReadAsync(uint block, CancellationToken cancellationToken)
    {
        Check(block);
        var buffer = new byte[Size];
        if (await device.ReadAsync(block, buffer, cancellationToken).ConfigureAwait(false) is { } error)
        {
            throw new StorageFailedException($"reading block {block}: {error}");
        }
        return buffer;
    }

    /// <summary>Writes block <paramref name="block"/> (exactly <see cref="Size"/> bytes).</summary>
    public async ValueTask WriteAsync(uint block, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Check(block);
        if (await device.WriteAsync(block, data, cancellationToken).ConfigureAwait(false) is { } error)
        {
            throw new StorageFailedException($"writing block {block}: {error}");
        }
    }

    private void Check(uint block)
    {
        if (block >= Count)
        {
            throw new CorruptImageException($"a pointer names block {block}, past the end of the image ({Count} blocks)");
        }
    }
}
