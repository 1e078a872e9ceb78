using System.Buffers.Binary;
using System.Text;

namespace Mirage.Runtime.Fat;

/// <summary>
/// The entries of a FAT directory's bytes: 8.3 entries with the long (VFAT) names before them, which
/// count only when their sequence numbers and checksums match the 8.3 entry they precede (as the
/// specification asks; a stray long name is ignored). Deleted entries, volume labels and the
/// <c>.</c> and <c>..</c> entries are skipped; a 0 first byte ends the directory.
/// </summary>
public static class FatDirectory
{
    private const int EntryBytes = 32;
    private const byte LongNameAttributes = 0x0F;
    private const byte VolumeLabel = 0x08;
    private const byte DirectoryAttribute = 0x10;
    private const int LongNameChars = 13;
    private static readonly int[] LongNameOffsets = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

    /// <summary>The entries in <paramref name="bytes"/>, which hold whole 32-byte entries.</summary>
    /// <exception cref="InvalidDataException">A name that is no key segment (empty, <c>.</c>, <c>..</c>, with <c>/</c> or NUL), or a name used twice; <paramref name="where"/> names the directory.</exception>
    public static IReadOnlyList<FatDirectoryEntry> Parse(ReadOnlySpan<byte> bytes, bool fat32, string where)
    {
        var entries = new List<FatDirectoryEntry>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var longName = new char[20 * LongNameChars];
        var expected = 0; // the sequence number the next long-name entry must have; 0: none under way
        var checksum = (byte)0;
        var longLength = 0;
        var complete = false;
        for (var at = 0; at + EntryBytes <= bytes.Length; at += EntryBytes)
        {
            var entry = bytes.Slice(at, EntryBytes);
            if (entry[0] == 0x00)
            {
                break;
            }
            if (entry[0] == 0xE5)
            {
                expected = 0;
                complete = false;
                continue;
            }
            if (entry[11] == LongNameAttributes)
            {
                var order = entry[0];
                var sequence = order & 0x1F;
                if ((order & 0x40) != 0 && sequence is >= 1 and <= 20)
                {
                    expected = sequence;
                    checksum = entry[13];
                    longLength = LongNameChars * sequence;
                    complete = false;
                }
                if (expected == 0 || sequence != expected || entry[13] != checksum)
                {
                    expected = 0;
                    complete = false;
                    continue;
                }
                for (var i = 0; i < LongNameChars; i++)
                {
                    longName[((sequence - 1) * LongNameChars) + i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(entry[LongNameOffsets[i]..]);
                }
                expected--;
                complete = expected == 0;
                continue;
            }
            var hasLongName = complete && Checksum(entry[..11]) == checksum;
            expected = 0;
            complete = false;
            if ((entry[11] & VolumeLabel) != 0 || IsDotEntry(entry))
            {
                continue;
            }
            var name = hasLongName ? LongName(longName.AsSpan(0, longLength)) : ShortName(entry);
            if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
            {
                throw new InvalidDataException($"FAT: {where} holds the entry '{name}' (entry {at / EntryBytes}), which is no file name");
            }
            if (!names.Add(name))
            {
                throw new InvalidDataException($"FAT: {where} names '{name}' twice");
            }
            var isDirectory = (entry[11] & DirectoryAttribute) != 0;
            var high = fat32 ? (uint)BinaryPrimitives.ReadUInt16LittleEndian(entry[20..]) << 16 : 0u;
            var first = high | BinaryPrimitives.ReadUInt16LittleEndian(entry[26..]);
            var size = isDirectory ? 0L : BinaryPrimitives.ReadUInt32LittleEndian(entry[28..]);
            entries.Add(new FatDirectoryEntry(name, isDirectory, first, size, Modified(entry)));
        }
        return entries;
    }

    /// <summary>The checksum of an 8.3 name that its long-name entries carry.</summary>
    public static byte Checksum(ReadOnlySpan<byte> shortName)
    {
        var sum = 0;
        foreach (var b in shortName)
        {
            sum = (((sum & 1) << 7) | ((sum & 0xFE) >> 1)) + b;
            sum &= 0xFF;
        }
        return (byte)sum;
    }

    private static bool IsDotEntry(ReadOnlySpan<byte> entry) =>
        entry[0] == (byte)'.' && (entry[1..11].IndexOfAnyExcept((byte)' ') < 0 || (entry[1] == (byte)'.' && entry[2..11].IndexOfAnyExcept((byte)' ') < 0));

    /// <summary>A long name: up to its NUL (the 0xFFFF padding after it is dropped).</summary>
    private static string LongName(ReadOnlySpan<char> chars)
    {
        var end = chars.IndexOf('\0');
        var name = end < 0 ? chars : chars[..end];
        return name.ToString();
    }

    /// <summary>
    /// An 8.3 name with its blanks dropped, lower-cased where the entry's flags (byte 12, as Windows
    /// and Linux write them) say so. Bytes past ASCII are read as Latin-1: the code page is not recorded.
    /// </summary>
    private static string ShortName(ReadOnlySpan<byte> entry)
    {
        Span<byte> name = stackalloc byte[11];
        entry[..11].CopyTo(name);
        if (name[0] == 0x05)
        {
            name[0] = 0xE5; // a first byte of E5 is stored as 05, E5 marking deleted entries
        }
        var flags = entry[12];
        var stem = Latin1(name[..8].TrimEnd((byte)' '), (flags & 0x08) != 0);
        var extension = Latin1(name[8..].TrimEnd((byte)' '), (flags & 0x10) != 0);
        return extension.Length == 0 ? stem : $"{stem}.{extension}";
    }

    private static string Latin1(ReadOnlySpan<byte> bytes, bool lower)
    {
        var text = Encoding.Latin1.GetString(bytes);
        return lower ? text.ToLowerInvariant() : text;
    }

    /// <summary>The entry's write date and time; an impossible one (a month of 0) reads as the FAT epoch, 1980-01-01.</summary>
    private static DateTimeOffset Modified(ReadOnlySpan<byte> entry)
    {
        int time = BinaryPrimitives.ReadUInt16LittleEndian(entry[22..]);
        int date = BinaryPrimitives.ReadUInt16LittleEndian(entry[24..]);
        var (year, month, day) = (1980 + (date >> 9), (date >> 5) & 0xF, date & 0x1F);
        var (hour, minute, second) = (time >> 11, (time >> 5) & 0x3F, (time & 0x1F) * 2);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60
            ? new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero)
            : new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
