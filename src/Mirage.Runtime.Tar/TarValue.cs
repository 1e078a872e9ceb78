namespace Mirage.Runtime.Tar;

/// <summary>Where a value of the archive lies on the device.</summary>
/// <param name="EntryOffset">The byte where its headers start (a pax or GNU long-name header comes before the ustar one).</param>
/// <param name="HeaderOffset">The byte of its ustar header, just before the data.</param>
/// <param name="DataOffset">The byte where its data starts.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Modified">Its modification time.</param>
internal sealed record TarValue(long EntryOffset, long HeaderOffset, long DataOffset, long Size, DateTimeOffset Modified)
{
    /// <summary>The byte after its data and the zero padding to a whole 512-byte block.</summary>
    public long End => DataOffset + TarBlocks.Padded(Size);
}

/// <summary>Tar's unit of 512-byte blocks.</summary>
internal static class TarBlocks
{
    /// <summary>A header, and the unit data is padded to.</summary>
    public const int Size = 512;

    /// <summary>The two zero blocks that end an archive.</summary>
    public const int EndMarker = 2 * Size;

    /// <summary><paramref name="length"/> rounded up to whole blocks.</summary>
    public static long Padded(long length) => (length + Size - 1) / Size * Size;
}
