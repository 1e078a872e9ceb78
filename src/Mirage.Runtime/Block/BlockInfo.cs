namespace Mirage.Runtime.Block;

/// <summary>What a block device is (upstream's <c>Mirage_block.info</c>).</summary>
/// <param name="ReadWrite">True if it can be written, false if it is read-only.</param>
/// <param name="SectorSize">Bytes per sector.</param>
/// <param name="SizeSectors">How many sectors it has.</param>
public readonly record struct BlockInfo(bool ReadWrite, int SectorSize, long SizeSectors)
{
    /// <summary>Its size in bytes.</summary>
    public long SizeBytes => SectorSize * SizeSectors;

    /// <summary><c>sector_size=512 size_sectors=2048 read_write=true</c>, as upstream prints it.</summary>
    public override string ToString() =>
        $"sector_size={SectorSize} size_sectors={SizeSectors} read_write={(ReadWrite ? "true" : "false")}";
}
