namespace Mirage.Runtime.Block;

/// <summary>The checks every block device makes before a read or a write, in upstream's order of concern.</summary>
internal static class SectorRange
{
    /// <summary>The problem with moving <paramref name="length"/> bytes from <paramref name="sectorStart"/>, if any.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of sectors: a bug in the caller.</exception>
    public static BlockError? Check(BlockInfo info, long sectorStart, int length, bool write, bool disconnected)
    {
        if (length % info.SectorSize != 0)
        {
            throw new ArgumentException(
                $"a block buffer must be a whole number of {info.SectorSize}-byte sectors, not {length} bytes", "buffer");
        }
        if (disconnected)
        {
            return new BlockError(BlockErrorKind.Disconnected, "the block device is disconnected");
        }
        var count = length / info.SectorSize;
        if (sectorStart < 0 || sectorStart > info.SizeSectors - count)
        {
            var what = count == 1 ? $"sector {sectorStart} is" : $"sectors {sectorStart}..{sectorStart + count - 1} are";
            return new BlockError(
                BlockErrorKind.OutOfRange, $"{what} not on the device (sectors 0..{info.SizeSectors - 1})");
        }
        if (write && !info.ReadWrite)
        {
            return new BlockError(BlockErrorKind.ReadOnly, "the block device is read-only");
        }
        return null;
    }
}
