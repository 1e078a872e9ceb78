using System.Text;

namespace Mirage.Runtime.Git.Objects;

/// <summary>Trees as bytes: "mode name\0" and 20 bytes of object name per entry, sorted git's way.</summary>
public static class Tree
{
    /// <summary>The entries of a tree object's contents.</summary>
    public static IReadOnlyList<TreeEntry> Parse(ReadOnlySpan<byte> data)
    {
        var entries = new List<TreeEntry>();
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            var nul = data.IndexOf((byte)0);
            if (space <= 0 || nul <= space + 1 || nul + 1 + ObjectId.Size > data.Length)
            {
                throw new GitFormatException("a tree entry: expected 'mode name\\0' and a 20-byte object name");
            }
            var mode = ParseMode(data[..space]);
            var name = Encoding.UTF8.GetString(data[(space + 1)..nul]);
            if (name is "." or ".." || name.Contains('/'))
            {
                throw new GitFormatException($"a tree entry: '{name}' is not a file name");
            }
            entries.Add(new TreeEntry(mode, name, ObjectId.FromBytes(data.Slice(nul + 1, ObjectId.Size))));
            data = data[(nul + 1 + ObjectId.Size)..];
        }
        return entries;
    }

    /// <summary>A tree object's contents for <paramref name="entries"/>, in git's order.</summary>
    public static byte[] Serialize(IEnumerable<TreeEntry> entries)
    {
        var buffer = new MemoryStream();
        foreach (var entry in entries.OrderBy(SortKey, StringComparer.Ordinal))
        {
            buffer.Write(Encoding.ASCII.GetBytes(Convert.ToString((int)entry.Mode, 8) + " "));
            buffer.Write(Encoding.UTF8.GetBytes(entry.Name));
            buffer.WriteByte(0);
            buffer.Write(entry.Id.Bytes);
        }
        return buffer.ToArray();
    }

    // Git compares a directory's name as if it ended with '/'; ordinal UTF-16 order matches byte order
    // for the names git allows outside the surrogate range, which is close enough for names we write.
    private static string SortKey(TreeEntry entry) => entry.IsTree ? entry.Name + "/" : entry.Name;

    private static EntryMode ParseMode(ReadOnlySpan<byte> octal)
    {
        var value = 0;
        foreach (var digit in octal)
        {
            if (digit is < (byte)'0' or > (byte)'7' || value > 0xFFFFF)
            {
                throw new GitFormatException($"a tree entry: '{Encoding.ASCII.GetString(octal)}' is not an octal mode");
            }
            value = (value * 8) + (digit - '0');
        }
        return value switch
        {
            0x4000 => EntryMode.Tree,
            0x81A4 or 0x81B4 => EntryMode.File,
            0x81ED => EntryMode.Executable,
            0xA000 => EntryMode.Link,
            0xE000 => EntryMode.Gitlink,
            _ => throw new GitFormatException($"a tree entry: mode {Convert.ToString(value, 8)} is none of git's"),
        };
    }
}
