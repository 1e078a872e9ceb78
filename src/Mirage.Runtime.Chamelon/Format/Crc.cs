namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// littlefs's checksum: CRC-32 (reflected polynomial 0xEDB88320) started at 0xFFFFFFFF and never
/// inverted at the end, so a running value can be carried from one piece of a commit to the next.
/// </summary>
internal static class Crc
{
    /// <summary>The starting value of every commit's checksum.</summary>
    public const uint Initial = 0xFFFF_FFFF;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum <paramref name="crc"/> continued over <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
