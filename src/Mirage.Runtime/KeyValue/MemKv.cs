using System.Security.Cryptography;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// A read-write key/value store in memory (upstream's <c>kv_rw_mem</c>, <c>Mirage_kv_mem</c>): empty
/// when connected, gone when the process ends. Safe to use from several tasks at once.
/// </summary>
public sealed class MemKv : IKvRw
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary _root = new();

    /// <summary>An empty store whose modification times come from <paramref name="time"/> (the system clock by default).</summary>
    public MemKv(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>A new empty store (the connect code of <c>kv_rw_mem ()</c>).</summary>
    public static MemKv Connect() => new();

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Done<KvEntryKind?>(KindOf(Find(key)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Done(FindValue(key, out var value) is { } error
                ? error
                : KvResult<ReadOnlyMemory<byte>>.Ok(value!.Data));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(
        Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (_gate)
        {
            if (FindValue(key, out var value) is { } error)
            {
                return Done<ReadOnlyMemory<byte>>(error);
            }
            var data = value!.Data;
            var start = (int)Math.Min(offset, data.Length);
            return Done(KvResult<ReadOnlyMemory<byte>>.Ok(data.AsMemory(start, Math.Min(length, data.Length - start))));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Find(key) switch
            {
                null => Done<IReadOnlyList<KvEntry>>(KvError.NotFound(key)),
                Value => Done<IReadOnlyList<KvEntry>>(KvError.DictionaryExpected(key)),
                Dictionary d => Done<IReadOnlyList<KvEntry>>(
                    d.Children.Select(c => new KvEntry(key.Add(c.Key), KindOf(c.Value)!.Value)).ToList()),
                _ => throw new InvalidOperationException("unknown node"),
            };
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Done(FindValue(key, out var value) is { } error ? error : KvResult<DateTimeOffset>.Ok(value!.Modified));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Done(FindValue(key, out var value) is { } error ? error : KvResult<byte[]>.Ok(SHA256.HashData(value!.Data)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Done(FindValue(key, out var value) is { } error ? error : KvResult<long>.Ok(value!.Data.Length));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(Bind(key, new Value(value.ToArray(), _time.GetUtcNow())));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> SetPartialAsync(
        Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_gate)
        {
            var old = Find(key) switch
            {
                Value v => v.Data,
                Dictionary => null,
                _ => [],
            };
            if (old is null || key.IsEmpty)
            {
                return new(KvError.ValueExpected(key));
            }
            var start = (int)Math.Min(offset, old.Length);
            var updated = new byte[Math.Max(old.Length, start + data.Length)];
            old.CopyTo(updated, 0);
            data.Span.CopyTo(updated.AsSpan(start));
            return new(Bind(key, new Value(updated, _time.GetUtcNow())));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (key.IsEmpty)
            {
                _root.Children.Clear();
            }
            else if (Find(key.Parent) is Dictionary parent)
            {
                parent.Children.Remove(key.Basename);
            }
            return new((KvError?)null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var node = Find(source);
            var plan = RenamePlan.Decide(source, KindOf(node), destination, KindOf(Find(destination)), k => KindOf(Find(k)));
            if (plan.Error is { } error || plan.Nothing)
            {
                return new(plan.Error);
            }
            if (ValueAbove(plan.Target) is { } blocking)
            {
                return new(KvError.DictionaryExpected(blocking));
            }
            ((Dictionary)Find(source.Parent)!).Children.Remove(source.Basename);
            return new(Bind(plan.Target, node!));
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(
        Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        lock (_gate)
        {
            if (Find(key) is not null)
            {
                return new(KvError.AlreadyPresent(key));
            }
            if (size > Array.MaxLength)
            {
                return new(KvError.NoSpace(key));
            }
            return new(Bind(key, new Value(new byte[size], lastModified ?? _time.GetUtcNow())));
        }
    }

    /// <summary>Binds <paramref name="key"/> to <paramref name="node"/>, creating the dictionaries on the way.</summary>
    private KvError? Bind(Key key, Node node)
    {
        if (key.IsEmpty)
        {
            return KvError.ValueExpected(key);
        }
        if (ValueAbove(key) is { } blocking)
        {
            return KvError.DictionaryExpected(blocking);
        }
        var dictionary = _root;
        var segments = key.Segments;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (!dictionary.Children.TryGetValue(segments[i], out var child))
            {
                child = new Dictionary();
                dictionary.Children[segments[i]] = child;
            }
            dictionary = (Dictionary)child;
        }
        dictionary.Children[key.Basename] = node;
        return null;
    }

    /// <summary>The first key above <paramref name="key"/> bound to a value, if any.</summary>
    private Key? ValueAbove(Key key)
    {
        Node node = _root;
        var above = Key.Empty;
        var segments = key.Segments;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (node is not Dictionary d || !d.Children.TryGetValue(segments[i], out node!))
            {
                return null;
            }
            above = above.Add(segments[i]);
            if (node is Value)
            {
                return above;
            }
        }
        return null;
    }

    private Node? Find(Key key)
    {
        Node node = _root;
        foreach (var segment in key.Segments)
        {
            if (node is not Dictionary d || !d.Children.TryGetValue(segment, out node!))
            {
                return null;
            }
        }
        return node;
    }

    private KvError? FindValue(Key key, out Value? value)
    {
        var node = Find(key);
        value = node as Value;
        return node switch
        {
            null => KvError.NotFound(key),
            Dictionary => KvError.ValueExpected(key),
            _ => null,
        };
    }

    private static KvEntryKind? KindOf(Node? node) => node switch
    {
        Value => KvEntryKind.Value,
        Dictionary => KvEntryKind.Dictionary,
        _ => null,
    };

    private static ValueTask<KvResult<T>> Done<T>(KvResult<T> result) => new(result);

    private abstract class Node;

    private sealed class Value(byte[] data, DateTimeOffset modified) : Node
    {
        /// <summary>Never written once stored, so readers get it without a copy.</summary>
        public byte[] Data { get; } = data;

        public DateTimeOffset Modified { get; } = modified;
    }

    private sealed class Dictionary : Node
    {
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }
}
