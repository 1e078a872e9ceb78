namespace Mirage.Runtime.Block;

/// <summary>
/// A sector-addressed block device (upstream's <c>Mirage_block.S</c>). Reads and writes move whole
/// sectors: a buffer whose length is not a multiple of <see cref="BlockInfo.SectorSize"/> is a bug
/// (<see cref="ArgumentException"/>). Expected failures (sectors beyond the end, a read-only device,
/// a disconnected one) are returned as a <see cref="BlockError"/>; null means success.
/// </summary>
public interface IBlock
{
    /// <summary>The sector size, the number of sectors, and whether it can be written.</summary>
    BlockInfo Info { get; }

    /// <summary>Fills <paramref name="buffer"/> with the sectors from <paramref name="sectorStart"/> on.</summary>
    /// <exception cref="ArgumentException">The buffer is not a whole number of sectors.</exception>
    ValueTask<BlockError?> ReadAsync(long sectorStart, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="buffer"/> to the sectors from <paramref name="sectorStart"/> on. Out of
    /// range or read-only, nothing is written.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer is not a whole number of sectors.</exception>
    ValueTask<BlockError?> WriteAsync(long sectorStart, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Disconnects from the device; later reads and writes fail with <see cref="BlockErrorKind.Disconnected"/>.</summary>
    ValueTask DisconnectAsync();
}
