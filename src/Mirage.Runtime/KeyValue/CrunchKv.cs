using System.Reflection;
using System.Security.Cryptography;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-only store of files embedded into the program when it was built (upstream's
/// <c>crunch</c>): the <c>crunch</c> device adds each file of its directory to the generated project
/// as an embedded resource named <c>mirage-crunch/&lt;directory&gt;/&lt;path&gt;</c>, and this store
/// reads them back from the assembly's manifest resources (which Native AOT keeps). Editing the
/// directory after the build changes nothing. Empty directories are not embedded; every value's last
/// modification time is the Unix epoch, as with upstream's crunch.
/// </summary>
public sealed class CrunchKv : IKvRo
{
    /// <summary>The prefix of every crunched resource name.</summary>
    public const string ResourcePrefix = "mirage-crunch/";

    private readonly Assembly _assembly;
    private readonly Dictionary<Key, string> _values = [];
    private readonly Dictionary<Key, SortedDictionary<Key, KvEntryKind>> _dictionaries = [];

    private CrunchKv(Assembly assembly, string store)
    {
        _assembly = assembly;
        _dictionaries[Key.Empty] = [];
        var prefix = ResourcePrefix + store.Trim('/') + "/";
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)
                || !Key.TryParse(name[prefix.Length..].Replace('\\', '/'), out var key, out _)
                || key.IsEmpty)
            {
                continue;
            }
            _values[key] = name;
            for (var (child, kind) = (key, KvEntryKind.Value); !child.IsEmpty; (child, kind) = (child.Parent, KvEntryKind.Dictionary))
            {
                if (!_dictionaries.TryGetValue(child.Parent, out var entries))
                {
                    entries = [];
                    _dictionaries[child.Parent] = entries;
                }
                entries[child] = kind;
            }
        }
    }

    /// <summary>
    /// The files crunched from <paramref name="store"/> (the directory as the config names it) into
    /// <paramref name="assembly"/>, the program's entry assembly by default (the connect code of <c>crunch</c>).
    /// </summary>
    public static CrunchKv Connect(string store, Assembly? assembly = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new CrunchKv(
            assembly ?? Assembly.GetEntryAssembly() ?? throw new InvalidOperationException("crunch: no entry assembly"),
            store);
    }

    /// <summary>The resource name of the file <paramref name="path"/> (relative to the directory) of <paramref name="store"/>.</summary>
    public static string ResourceName(string store, string path) => ResourcePrefix + store.Trim('/') + "/" + path;

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        new(KvResult<KvEntryKind?>.Ok(
            _values.ContainsKey(key) ? KvEntryKind.Value : _dictionaries.ContainsKey(key) ? KvEntryKind.Dictionary : null));

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default)
    {
        if (Find(key, out var resource) is { } error)
        {
            return error;
        }
        await using var stream = Open(resource!);
        var data = new byte[stream.Length];
        await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
        return KvResult<ReadOnlyMemory<byte>>.Ok(data);
    }

    /// <inheritdoc/>
    public async ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (Find(key, out var resource) is { } error)
        {
            return error;
        }
        await using var stream = Open(resource!);
        var data = new byte[(int)Math.Clamp(stream.Length - offset, 0, length)];
        if (data.Length > 0)
        {
            stream.Position = offset;
            await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
        }
        return KvResult<ReadOnlyMemory<byte>>.Ok(data);
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default)
    {
        if (_dictionaries.TryGetValue(key, out var entries))
        {
            return new(KvResult<IReadOnlyList<KvEntry>>.Ok(entries.Select(e => new KvEntry(e.Key, e.Value)).ToList()));
        }
        return new(_values.ContainsKey(key) ? KvError.DictionaryExpected(key) : KvError.NotFound(key));
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default) =>
        new(Find(key, out _) is { } error ? error : KvResult<DateTimeOffset>.Ok(DateTimeOffset.UnixEpoch));

    /// <inheritdoc/>
    public async ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default)
    {
        if (Find(key, out var resource) is { } error)
        {
            return error;
        }
        await using var stream = Open(resource!);
        return await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default)
    {
        if (Find(key, out var resource) is { } error)
        {
            return new(error);
        }
        using var stream = Open(resource!);
        return new(KvResult<long>.Ok(stream.Length));
    }

    private KvError? Find(Key key, out string? resource) =>
        _values.TryGetValue(key, out resource) ? null
        : _dictionaries.ContainsKey(key) ? KvError.ValueExpected(key)
        : KvError.NotFound(key);

    private Stream Open(string resource) =>
        _assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"crunch: the embedded resource '{resource}' is gone");
}
