using System.Formats.Tar;
using Mirage.Runtime.Block;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Tar;

/// <summary>
/// The keys of a tar archive on a block device: its regular files as values, its directories (and
/// the directories above each file) as dictionaries, and where the archive ends. Built by reading
/// only the headers; an entry named again later replaces the earlier one, as extracting would.
/// </summary>
internal sealed class TarIndex
{
    private readonly Dictionary<Key, TarValue> _values = [];
    private readonly Dictionary<Key, SortedSet<string>> _dictionaries = new() { [Key.Empty] = new(StringComparer.Ordinal) };

    /// <summary>The byte where the end-of-archive blocks start: where the next entry goes.</summary>
    public long End { get; set; }

    /// <summary>What <paramref name="key"/> is, or null.</summary>
    public KvEntryKind? Kind(Key key) =>
        _values.ContainsKey(key) ? KvEntryKind.Value : _dictionaries.ContainsKey(key) ? KvEntryKind.Dictionary : null;

    /// <summary>The value at <paramref name="key"/>, if one is there.</summary>
    public TarValue? Value(Key key) => _values.GetValueOrDefault(key);

    /// <summary>The entries of the dictionary <paramref name="key"/>, in key order (it must be one).</summary>
    public IReadOnlyList<KvEntry> Entries(Key key) =>
        [.. _dictionaries[key].Select(name => new KvEntry(key / name, Kind(key / name)!.Value))];

    /// <summary>Why <paramref name="key"/> cannot be added (upstream's <c>is_safe_to_set</c>), or null.</summary>
    public KvError? CannotAdd(Key key)
    {
        for (var above = key.Parent; ; above = above.Parent)
        {
            if (_values.ContainsKey(above))
            {
                return KvError.DictionaryExpected(above);
            }
            if (above.IsEmpty)
            {
                break;
            }
        }
        return Kind(key) is null ? null : KvError.AlreadyPresent(key);
    }

    /// <summary>Binds <paramref name="key"/> to <paramref name="value"/>, making the dictionaries above it.</summary>
    public void Add(Key key, TarValue value)
    {
        AddDictionary(key.Parent);
        _dictionaries[key.Parent].Add(key.Basename);
        _values[key] = value;
    }

    /// <summary>Forgets the value <paramref name="key"/>; the dictionaries above it stay.</summary>
    public void Remove(Key key)
    {
        _values.Remove(key);
        _dictionaries[key.Parent].Remove(key.Basename);
    }

    /// <summary>
    /// Reads the headers of the archive on <paramref name="block"/> with System.Formats.Tar (ustar,
    /// pax, GNU long names, checksums). A device of zeros is an empty archive.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive is damaged or hostile; the message says where and how.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static async Task<TarIndex> ReadAsync(IBlock block, CancellationToken cancellationToken)
    {
        var index = new TarIndex();
        var stream = new BlockStream(block);
        await using var reader = new TarReader(stream, leaveOpen: true);
        while (true)
        {
            var start = stream.Position;
            await TarHeaderCheck.CheckAsync(block, start, cancellationToken).ConfigureAwait(false);
            TarEntry? entry;
            try
            {
                entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or OverflowException or EndOfStreamException or NotSupportedException)
            {
                throw Damaged(start, e.Message);
            }
            if (entry is null)
            {
                return index;
            }
            index.Include(entry, start, block.Info.SizeBytes);
            stream.Position = index.End;
        }
    }

    private void Include(TarEntry entry, long start, long deviceBytes)
    {
        var dataOffset = entry.DataOffset;
        if (dataOffset < 0 || entry.Length < 0 || dataOffset + entry.Length > deviceBytes)
        {
            throw Damaged(start, $"the entry '{entry.Name}' has {entry.Length} bytes of data, past the end of the device ({deviceBytes} bytes)");
        }
        var value = new TarValue(start, dataOffset - TarBlocks.Size, dataOffset, entry.Length, entry.ModificationTime);
        End = value.End;
        var kind = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => KvEntryKind.Value,
            TarEntryType.Directory => KvEntryKind.Dictionary,
            _ => (KvEntryKind?)null,
        };
        if (kind is null)
        {
            return; // links, devices, FIFOs: not key/value entries (tar-mirage skips them too)
        }
        var name = entry.Name.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }
        if (!Key.TryParse(name, out var key, out var error))
        {
            throw Damaged(start, error);
        }
        var clash = CannotAdd(key);
        if (clash?.Kind == KvErrorKind.DictionaryExpected || (clash is not null && Kind(key) != kind))
        {
            throw Damaged(start, $"the entry '{entry.Name}' is both a file and a directory in the archive");
        }
        if (kind == KvEntryKind.Value)
        {
            Add(key, value);
        }
        else
        {
            AddDictionary(key);
        }
    }

    private void AddDictionary(Key key)
    {
        if (_dictionaries.ContainsKey(key))
        {
            return;
        }
        AddDictionary(key.Parent);
        _dictionaries[key.Parent].Add(key.Basename);
        _dictionaries[key] = new SortedSet<string>(StringComparer.Ordinal);
    }

    private static InvalidDataException Damaged(long offset, string detail) => TarHeaderCheck.Damaged(offset, detail);
}
