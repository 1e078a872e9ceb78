namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// A least-recently-used cache of answers by (name, type), each kept for its time to live
/// (negative answers for the SOA's minimum, RFC 2308, and not at all without an SOA). Time is
/// passed in, in nanoseconds of a monotonic clock. Not thread-safe: the client locks it.
/// </summary>
public sealed class DnsCache
{
    private const long NsPerSecond = 1_000_000_000L;
    private readonly int _capacity;
    private readonly Dictionary<(DomainName, DnsRecordType), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    /// <summary>A cache holding at most <paramref name="capacity"/> answers (0 keeps none).</summary>
    public DnsCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    /// <summary>How many answers are held (expired ones included until met).</summary>
    public int Count => _entries.Count;

    /// <summary>The answer for (name, type) if it is still alive at <paramref name="nowNs"/>, its TTL reduced by its age.</summary>
    public DnsAnswer? Get(DomainName name, DnsRecordType type, long nowNs)
    {
        if (!_entries.TryGetValue((name, type), out var node))
        {
            return null;
        }
        var entry = node.Value;
        if (nowNs >= entry.ExpiresNs)
        {
            Remove(node);
            return null;
        }
        _recency.Remove(node);
        _recency.AddFirst(node);
        return entry.Answer is DnsAnswer.Data data
            ? data with { Ttl = (uint)((entry.ExpiresNs - nowNs + NsPerSecond - 1) / NsPerSecond) }
            : entry.Answer;
    }

    /// <summary>Keeps <paramref name="answer"/> for its lifetime; failures and zero lifetimes are not kept.</summary>
    public void Set(DomainName name, DnsRecordType type, DnsAnswer answer, long nowNs)
    {
        var ttl = answer switch
        {
            DnsAnswer.Data data => data.Ttl,
            DnsAnswer.NoData { Soa: { } soa } => soa.Minimum,
            DnsAnswer.NoDomain { Soa: { } soa } => soa.Minimum,
            _ => 0u,
        };
        if (ttl == 0 || _capacity == 0)
        {
            return;
        }
        if (_entries.TryGetValue((name, type), out var existing))
        {
            Remove(existing);
        }
        while (_entries.Count >= _capacity)
        {
            Remove(_recency.Last!);
        }
        var node = _recency.AddFirst(new Entry(name, type, answer, nowNs + (ttl * NsPerSecond)));
        _entries[(name, type)] = node;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove((node.Value.Name, node.Value.Type));
    }

    private sealed record Entry(DomainName Name, DnsRecordType Type, DnsAnswer Answer, long ExpiresNs);
}
