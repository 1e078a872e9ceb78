namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// A bounded, sorted set of disjoint sequence ranges [start, end): the out-of-order data a receiver holds (its SACK
/// blocks) and the ranges a sender knows the peer holds (its SACK scoreboard). Adding a range that would need more
/// than the bound is refused, so a peer cannot grow it.
/// </summary>
public sealed class RangeSet(int maxRanges)
{
    private readonly uint[] _starts = new uint[maxRanges];
    private readonly uint[] _ends = new uint[maxRanges];

    /// <summary>How many ranges it holds.</summary>
    public int Count { get; private set; }

    /// <summary>The most recently added or extended range's index (the first SACK block, RFC 2018 §4).</summary>
    public int Latest { get; private set; } = -1;

    /// <summary>The start of range <paramref name="index"/>.</summary>
    public uint Start(int index) => _starts[index];

    /// <summary>The end of range <paramref name="index"/>.</summary>
    public uint End(int index) => _ends[index];

    /// <summary>Forgets every range.</summary>
    public void Clear()
    {
        Count = 0;
        Latest = -1;
    }

    /// <summary>Adds [start, end), merging with ranges it touches; false (nothing changed) when the set is full.</summary>
    public bool Add(uint start, uint end)
    {
        if (!Seq.Lt(start, end))
        {
            return true;
        }
        var first = 0;
        while (first < Count && Seq.Lt(_ends[first], start))
        {
            first++;
        }
        var last = first;
        while (last < Count && Seq.Le(_starts[last], end))
        {
            last++;
        }
        // Ranges [first, last) touch the new one and merge into it.
        if (first == last)
        {
            if (Count == _starts.Length)
            {
                return false;
            }
            Array.Copy(_starts, first, _starts, first + 1, Count - first);
            Array.Copy(_ends, first, _ends, first + 1, Count - first);
            _starts[first] = start;
            _ends[first] = end;
            Count++;
        }
        else
        {
            _starts[first] = Seq.Min(start, _starts[first]);
            _ends[first] = Seq.Max(end, _ends[last - 1]);
            var removed = last - first - 1;
            Array.Copy(_starts, last, _starts, first + 1, Count - last);
            Array.Copy(_ends, last, _ends, first + 1, Count - last);
            Count -= removed;
        }
        Latest = first;
        return true;
    }

    /// <summary>Drops everything below <paramref name="floor"/>, trimming a range that straddles it.</summary>
    public void RemoveBelow(uint floor)
    {
        var drop = 0;
        while (drop < Count && Seq.Le(_ends[drop], floor))
        {
            drop++;
        }
        if (drop > 0)
        {
            Array.Copy(_starts, drop, _starts, 0, Count - drop);
            Array.Copy(_ends, drop, _ends, 0, Count - drop);
            Count -= drop;
            Latest = Latest >= drop ? Latest - drop : -1;
        }
        if (Count > 0 && Seq.Lt(_starts[0], floor))
        {
            _starts[0] = floor;
        }
    }

    /// <summary>The end of the range that contains <paramref name="seq"/>, or <paramref name="seq"/> when none does.</summary>
    public uint SkipFrom(uint seq)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Seq.Le(_starts[i], seq) && Seq.Lt(seq, _ends[i]))
            {
                return _ends[i];
            }
        }
        return seq;
    }
}
