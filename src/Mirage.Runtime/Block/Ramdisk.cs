using System.Collections.Concurrent;

namespace Mirage.Runtime.Block;

/// <summary>
/// A block device in memory (upstream's <c>ramdisk</c>, <c>mirage-block-ramdisk</c>): 512-byte
/// sectors, zeros until written, gone when the process ends. Ramdisks are named: connecting twice
/// to one name gives the same disk. Only the sectors written take memory.
/// </summary>
public sealed class Ramdisk : IBlock
{
    /// <summary>The sector size.</summary>
    public const int SectorSize = 512;

    /// <summary>The size of a ramdisk connected by name: 32 768 sectors (16 MiB), as mirage-block-ramdisk connects one by name.</summary>
    public const long DefaultSizeSectors = 32_768;

    private static readonly ConcurrentDictionary<string, Disk> Disks = new(StringComparer.Ordinal);

    private readonly Disk _disk;
    private volatile bool _disconnected;

    private Ramdisk(Disk disk)
    {
        _disk = disk;
        Info = new BlockInfo(ReadWrite: true, SectorSize, disk.SizeSectors);
    }

    /// <inheritdoc/>
    public BlockInfo Info { get; }

    /// <summary>The ramdisk <paramref name="name"/>, created empty the first time (the connect code of <c>ramdisk</c>).</summary>
    public static Ramdisk Connect(string name) => new(Disks.GetOrAdd(name, _ => new Disk(DefaultSizeSectors)));

    /// <summary>A new unnamed ramdisk of <paramref name="sizeSectors"/> sectors.</summary>
    public static Ramdisk Create(long sizeSectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeSectors);
        return new Ramdisk(new Disk(sizeSectors));
    }

    /// <inheritdoc/>
    public ValueTask<BlockError?> ReadAsync(long sectorStart, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: false, _disconnected) is { } error)
        {
            return new(error);
        }
        lock (_disk)
        {
            for (var i = 0; i < buffer.Length / SectorSize; i++)
            {
                var target = buffer.Span.Slice(i * SectorSize, SectorSize);
                if (_disk.Sectors.TryGetValue(sectorStart + i, out var sector))
                {
                    sector.CopyTo(target);
                }
                else
                {
                    target.Clear();
                }
            }
        }
        return new((BlockError?)null);
    }

    /// <inheritdoc/>
    public ValueTask<BlockError?> WriteAsync(long sectorStart, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: true, _disconnected) is { } error)
        {
            return new(error);
        }
        lock (_disk)
        {
            for (var i = 0; i < buffer.Length / SectorSize; i++)
            {
                if (!_disk.Sectors.TryGetValue(sectorStart + i, out var sector))
                {
                    sector = new byte[SectorSize];
                    _disk.Sectors[sectorStart + i] = sector;
                }
                buffer.Span.Slice(i * SectorSize, SectorSize).CopyTo(sector);
            }
        }
        return new((BlockError?)null);
    }

    /// <inheritdoc/>
    public ValueTask DisconnectAsync()
    {
        _disconnected = true;
        return ValueTask.CompletedTask;
    }

    private sealed class Disk(long sizeSectors)
    {
        public long SizeSectors { get; } = sizeSectors;

        public Dictionary<long, byte[]> Sectors { get; } = [];
    }
}
