using System.Buffers;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>What identifies the fragments of one datagram (RFC 791 §3.2, RFC 8200 §4.5); IPv4 addresses are widened.</summary>
public readonly record struct FragmentKey(UInt128 Source, UInt128 Destination, uint Identification, byte Protocol);

/// <summary>Why a fragment was not kept.</summary>
public enum FragmentVerdict
{
    /// <summary>Kept; the datagram is not complete yet.</summary>
    Pending,

    /// <summary>The datagram is complete.</summary>
    Complete,

    /// <summary>An exact copy of a fragment already held: ignored.</summary>
    Duplicate,

    /// <summary>Overlaps a fragment held (RFC 5722): the whole datagram is dropped.</summary>
    Overlap,

    /// <summary>Past 65,535 bytes, a second last fragment, or too many pieces: the whole datagram is dropped.</summary>
    Invalid,
}

/// <summary>
/// Reassembles fragmented datagrams with bounded memory: at most <see cref="MaxDatagrams"/> in progress
/// (the oldest is evicted), at most <see cref="MaxPieces"/> fragments each, each expiring after a timeout.
/// A pure state machine: time is passed in. Not thread-safe (the IP layer holds its lock).
/// </summary>
public sealed class Reassembly(TimeSpan timeout, int maxDatagrams = 16)
{
    /// <summary>The largest datagram payload.</summary>
    public const int MaxLength = 65_535;

    /// <summary>Fragments of one datagram beyond this drop it (a tiny-fragment flood).</summary>
    public const int MaxPieces = 64;

    private sealed class Datagram
    {
        public FragmentKey Key;
        public byte[] Buffer = [];
        public readonly List<(int Start, int End)> Pieces = [];
        public int Total = -1;
        public long Deadline;
    }

    private readonly List<Datagram> _datagrams = [];

    /// <summary>How many datagrams may be in progress at once.</summary>
    public int MaxDatagrams => maxDatagrams;

    /// <summary>How many datagrams are in progress.</summary>
    public int InProgress => _datagrams.Count;

    /// <summary>Datagrams dropped unfinished (timed out or evicted).</summary>
    public long Expired { get; private set; }

    /// <summary>
    /// Adds the fragment of <paramref name="key"/> at <paramref name="offset"/>. On <see cref="FragmentVerdict.Complete"/>,
    /// <paramref name="datagram"/> is a pooled buffer holding <paramref name="length"/> bytes: give it back with
    /// <see cref="Return"/>.
    /// </summary>
    public FragmentVerdict Add(long now, FragmentKey key, int offset, bool more, ReadOnlySpan<byte> data, out byte[]? datagram, out int length)
    {
        datagram = null;
        length = 0;
        var end = offset + data.Length;
        if (end > MaxLength || (more && (data.Length == 0 || (data.Length & 7) != 0)))
        {
            Drop(key);
            return FragmentVerdict.Invalid;
        }
        var entry = Find(key) ?? Start(now, key);
        if (!more)
        {
            if (entry.Total >= 0 && entry.Total != end)
            {
                Remove(entry);
                return FragmentVerdict.Invalid;
            }
            entry.Total = end;
        }
        foreach (var (s, e) in entry.Pieces)
        {
            if (s == offset && e == end)
            {
                return FragmentVerdict.Duplicate;
            }
            if (offset < e && s < end || (entry.Total >= 0 && e > entry.Total))
            {
                Remove(entry);
                return FragmentVerdict.Overlap;
            }
        }
        if (entry.Pieces.Count >= MaxPieces)
        {
            Remove(entry);
            return FragmentVerdict.Invalid;
        }
        entry.Pieces.Add((offset, end));
        data.CopyTo(entry.Buffer.AsSpan(offset));
        if (entry.Total < 0)
        {
            return FragmentVerdict.Pending;
        }
        var covered = 0;
        foreach (var (s, e) in entry.Pieces)
        {
            covered += e - s;
        }
        if (covered != entry.Total)
        {
            return FragmentVerdict.Pending;
        }
        _datagrams.Remove(entry);
        datagram = entry.Buffer;
        length = entry.Total;
        return FragmentVerdict.Complete;
    }

    /// <summary>Drops the datagrams whose time is up.</summary>
    public void Tick(long now)
    {
        for (var i = _datagrams.Count - 1; i >= 0; i--)
        {
            if (_datagrams[i].Deadline <= now)
            {
                Expired++;
                ArrayPool<byte>.Shared.Return(_datagrams[i].Buffer);
                _datagrams.RemoveAt(i);
            }
        }
    }

    /// <summary>Gives back a completed datagram's buffer.</summary>
    public static void Return(byte[] datagram) => ArrayPool<byte>.Shared.Return(datagram);

    private Datagram? Find(FragmentKey key)
    {
        foreach (var d in _datagrams)
        {
            if (d.Key == key)
            {
                return d;
            }
        }
        return null;
    }

    private Datagram Start(long now, FragmentKey key)
    {
        if (_datagrams.Count >= maxDatagrams)
        {
            Expired++;
            Remove(_datagrams[0]); // the oldest
        }
        var entry = new Datagram { Key = key, Buffer = ArrayPool<byte>.Shared.Rent(MaxLength), Deadline = now + (long)timeout.TotalMilliseconds };
        _datagrams.Add(entry);
        return entry;
    }

    private void Drop(FragmentKey key)
    {
        if (Find(key) is { } entry)
        {
            Remove(entry);
        }
    }

    private void Remove(Datagram entry)
    {
        _datagrams.Remove(entry);
        ArrayPool<byte>.Shared.Return(entry.Buffer);
    }
}
