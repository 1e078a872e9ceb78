using System.Buffers.Binary;

namespace Mirage.Runtime.Fat;

/// <summary>The FAT variant, named by the width of its table entries.</summary>
public enum FatKind
{
    /// <summary>12-bit entries (fewer than 4085 clusters).</summary>
    Fat12 = 12,

    /// <summary>16-bit entries (fewer than 65525 clusters).</summary>
    Fat16 = 16,

    /// <summary>28-bit entries in 32-bit words.</summary>
    Fat32 = 32,
}

/// <summary>
/// Where a FAT file system keeps its parts, in bytes from the start of the device, as its boot sector
/// (the BIOS parameter block) says. A table size only in the 32-bit field makes FAT32 (as Linux and
/// mkfs.fat decide it, so that a small FAT32 reads); otherwise the number of clusters chooses FAT12
/// or FAT16, as the specification does, never the label text.
/// </summary>
/// <param name="Kind">FAT12, FAT16 or FAT32.</param>
/// <param name="FatOffset">Where the first table starts.</param>
/// <param name="FatBytes">The bytes of one table.</param>
/// <param name="RootOffset">Where the fixed root directory starts (FAT12/16).</param>
/// <param name="RootBytes">The bytes of the fixed root directory (0 on FAT32).</param>
/// <param name="RootCluster">The first cluster of the root directory (FAT32; 0 otherwise).</param>
/// <param name="DataOffset">Where cluster 2 starts.</param>
/// <param name="ClusterBytes">The bytes of one cluster.</param>
/// <param name="ClusterCount">The number of data clusters: valid clusters are 2 to ClusterCount + 1.</param>
public sealed record FatLayout(
    FatKind Kind, long FatOffset, int FatBytes, long RootOffset, int RootBytes, uint RootCluster, long DataOffset, int ClusterBytes, uint ClusterCount)
{
    /// <summary>The bytes the boot sector takes.</summary>
    public const int BootSectorBytes = 512;

    /// <summary>Where cluster <paramref name="cluster"/> starts on the device (it must be valid).</summary>
    public long ClusterOffset(uint cluster) => DataOffset + (long)(cluster - 2) * ClusterBytes;

    /// <summary>Whether <paramref name="cluster"/> names a data cluster of this file system.</summary>
    public bool IsDataCluster(uint cluster) => cluster >= 2 && cluster - 2 < ClusterCount;

    /// <summary>
    /// Reads the boot sector <paramref name="boot"/> of a device of <paramref name="deviceBytes"/> bytes
    /// in sectors of <paramref name="deviceSectorSize"/> bytes.
    /// </summary>
    /// <exception cref="InvalidDataException">No FAT boot sector, or one whose regions do not fit the device; the message says which field.</exception>
    public static FatLayout Parse(ReadOnlySpan<byte> boot, long deviceBytes, int deviceSectorSize)
    {
        if (boot.Length < BootSectorBytes)
        {
            throw Damaged($"the device holds {boot.Length} bytes, less than a boot sector");
        }
        if (boot[510] != 0x55 || boot[511] != 0xAA)
        {
            throw Damaged("the boot sector does not end with the signature 55 AA: no FAT file system");
        }
        int bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(boot[11..]);
        int sectorsPerCluster = boot[13];
        int reserved = BinaryPrimitives.ReadUInt16LittleEndian(boot[14..]);
        int fats = boot[16];
        int rootEntries = BinaryPrimitives.ReadUInt16LittleEndian(boot[17..]);
        long totalSectors = BinaryPrimitives.ReadUInt16LittleEndian(boot[19..]) is var small and not 0
            ? small
            : BinaryPrimitives.ReadUInt32LittleEndian(boot[32..]);
        long sectorsPerFat = BinaryPrimitives.ReadUInt16LittleEndian(boot[22..]) is var fat16 and not 0
            ? fat16
            : BinaryPrimitives.ReadUInt32LittleEndian(boot[36..]);

        if (bytesPerSector is not (512 or 1024 or 2048 or 4096))
        {
            throw Damaged($"bytes per sector is {bytesPerSector}, not 512, 1024, 2048 or 4096");
        }
        if (bytesPerSector % deviceSectorSize != 0)
        {
            throw Damaged($"its sectors of {bytesPerSector} bytes do not line up with the device's sectors of {deviceSectorSize} bytes");
        }
        if (sectorsPerCluster == 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) != 0)
        {
            throw Damaged($"sectors per cluster is {sectorsPerCluster}, not a power of two");
        }
        if (reserved == 0 || fats == 0 || sectorsPerFat == 0)
        {
            throw Damaged($"reserved sectors ({reserved}), tables ({fats}) and sectors per table ({sectorsPerFat}) must not be 0");
        }
        if (totalSectors * bytesPerSector > deviceBytes)
        {
            throw Damaged($"the file system spans {totalSectors} sectors of {bytesPerSector} bytes, past the end of the device ({deviceBytes} bytes)");
        }

        var rootSectors = ((rootEntries * 32) + bytesPerSector - 1) / bytesPerSector;
        var dataSector = reserved + (fats * sectorsPerFat) + rootSectors;
        if (dataSector >= totalSectors)
        {
            throw Damaged($"its tables and root directory ({dataSector} sectors) fill all of its {totalSectors} sectors");
        }
        var clusterCount = (uint)((totalSectors - dataSector) / sectorsPerCluster);
        var kind = BinaryPrimitives.ReadUInt16LittleEndian(boot[22..]) == 0 ? FatKind.Fat32 : clusterCount < 4085 ? FatKind.Fat12 : FatKind.Fat16;
        var rootCluster = 0u;
        if (kind == FatKind.Fat32)
        {
            rootCluster = BinaryPrimitives.ReadUInt32LittleEndian(boot[44..]) & 0x0FFFFFFF;
            if (rootEntries != 0)
            {
                throw Damaged($"a FAT32 file system ({clusterCount} clusters) with a fixed root directory of {rootEntries} entries");
            }
        }
        else if (rootEntries == 0)
        {
            throw Damaged($"a {(int)kind}-bit FAT ({clusterCount} clusters) without root directory entries");
        }

        // Only the entries of real clusters are read: a table claiming more is not copied whole.
        var entryBits = (long)(clusterCount + 2) * (int)kind;
        var fatBytes = (entryBits + 7) / 8;
        if (fatBytes > sectorsPerFat * bytesPerSector)
        {
            throw Damaged($"its table of {sectorsPerFat} sectors is too small for {clusterCount} clusters");
        }
        var layout = new FatLayout(
            kind,
            FatOffset: (long)reserved * bytesPerSector,
            FatBytes: (int)fatBytes,
            RootOffset: (reserved + (fats * sectorsPerFat)) * bytesPerSector,
            RootBytes: rootEntries * 32,
            rootCluster,
            DataOffset: dataSector * bytesPerSector,
            ClusterBytes: sectorsPerCluster * bytesPerSector,
            clusterCount);
        if (kind == FatKind.Fat32 && !layout.IsDataCluster(rootCluster))
        {
            throw Damaged($"the root directory starts at cluster {rootCluster}, outside clusters 2 to {clusterCount + 1}");
        }
        return layout;
    }

    private static InvalidDataException Damaged(string why) => new($"FAT boot sector: {why}");
}
