using System.Buffers;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>Where a neighbour stands (RFC 4861 §7.3.2).</summary>
public enum NeighbourState
{
    /// <summary>Being resolved: multicast solicitations sent, packets queued.</summary>
    Incomplete,

    /// <summary>Known to be reachable (confirmed less than the reachable time ago).</summary>
    Reachable,

    /// <summary>Its link address is known but not confirmed lately; nothing is done until a packet is sent to it.</summary>
    Stale,

    /// <summary>A packet was sent while stale; a probe follows unless reachability is confirmed in the meantime.</summary>
    Delay,

    /// <summary>Being confirmed by unicast solicitations.</summary>
    Probe,
}

/// <summary>What the caller must send for an entry of a <see cref="NeighbourTable{TKey}"/>.</summary>
public enum NeighbourProbe
{
    /// <summary>A solicitation to the solicited-node multicast (or broadcast) address: resolution.</summary>
    Multicast,

    /// <summary>A solicitation to the neighbour's cached link address: unreachability detection.</summary>
    Unicast,
}

/// <summary>The timers and bounds of a neighbour table: RFC 4861 §10's constants by default.</summary>
public sealed record NeighbourTableOptions
{
    /// <summary>Between two solicitations (RetransTimer).</summary>
    public long RetransMs { get; init; } = 1000;

    /// <summary>How long a confirmation keeps a neighbour reachable (ReachableTime).</summary>
    public long ReachableMs { get; init; } = 30_000;

    /// <summary>How long a neighbour stays in DELAY before it is probed (DELAY_FIRST_PROBE_TIME).</summary>
    public long DelayFirstProbeMs { get; init; } = 5000;

    /// <summary>Multicast solicitations before a resolution fails (MAX_MULTICAST_SOLICIT).</summary>
    public int MaxMulticastSolicit { get; init; } = 3;

    /// <summary>Unicast probes before a neighbour is declared unreachable (MAX_UNICAST_SOLICIT).</summary>
    public int MaxUnicastSolicit { get; init; } = 3;

    /// <summary>Entries at most; a full table evicts the entry heard from longest ago that is not being resolved.</summary>
    public int MaxEntries { get; init; } = 256;

    /// <summary>Entries being resolved at most (a scan of the link cannot fill the table with them).</summary>
    public int MaxIncomplete { get; init; } = 32;

    /// <summary>Packets queued per neighbour being resolved.</summary>
    public int MaxQueued { get; init; } = 8;
}

/// <summary>
/// A bounded neighbour cache with neighbour unreachability detection (RFC 4861 §7.3, the state machine of its appendix
/// C), pure: the time (milliseconds) is passed in, and the table says what to send and which packets to flush or drop.
/// Keyed by the protocol address; not thread-safe (its layer holds a lock).
/// </summary>
public sealed class NeighbourTable<TKey>(NeighbourTableOptions options)
    where TKey : notnull
{
    /// <summary>One neighbour.</summary>
    public sealed class Entry
    {
        internal Entry(NeighbourState state) => State = state;

        /// <summary>Where it stands.</summary>
        public NeighbourState State { get; internal set; }

        /// <summary>Its link address, once known.</summary>
        public MacAddress? Mac { get; internal set; }

        /// <summary>Packets waiting for the resolution (rented arrays, returned by whoever dequeues them).</summary>
        public Queue<(byte[] Packet, int Length)> Waiting { get; } = new();

        internal long Deadline, Heard;
        internal int Probes;

        /// <summary>Sends the packets that waited for the resolution, as <paramref name="etherType"/>, to <see cref="Mac"/>.</summary>
        public void SendWaiting(IEthernet ethernet, ushort etherType)
        {
            if (Mac is not { } mac)
            {
                return;
            }
            while (Waiting.TryDequeue(out var waiting))
            {
                ethernet.Write(mac, etherType, waiting.Length, waiting, static (buffer, w) =>
                {
                    w.Packet.AsSpan(0, w.Length).CopyTo(buffer);
                    return w.Length;
                });
                ArrayPool<byte>.Shared.Return(waiting.Packet);
            }
        }

        /// <summary>Drops the packets that waited for a neighbour given up; returns how many.</summary>
        public int DropWaiting()
        {
            var dropped = 0;
            while (Waiting.TryDequeue(out var waiting))
            {
                ArrayPool<byte>.Shared.Return(waiting.Packet);
                dropped++;
            }
            return dropped;
        }
    }

    private readonly Dictionary<TKey, Entry> _entries = [];
    private int _incomplete;

    /// <summary>The options in use.</summary>
    public NeighbourTableOptions Options => options;

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry of <paramref name="key"/>, if any.</summary>
    public Entry? Find(TKey key) => _entries.GetValueOrDefault(key);

    /// <summary>
    /// A packet is to be sent to <paramref name="key"/>: returns its link address to send to now, or null when the
    /// packet must wait in <paramref name="entry"/>'s queue (or be dropped when <paramref name="entry"/> is null: no
    /// room). A new resolution asks for a <see cref="NeighbourProbe.Multicast"/> solicitation in <paramref name="probe"/>;
    /// a stale neighbour moves to DELAY.
    /// </summary>
    public MacAddress? Send(TKey key, long now, out Entry? entry, out NeighbourProbe? probe)
    {
        probe = null;
        if (!_entries.TryGetValue(key, out entry))
        {
            if (_incomplete >= options.MaxIncomplete || !MakeRoom())
            {
                entry = null;
                return null;
            }
            entry = new Entry(NeighbourState.Incomplete) { Probes = 1, Deadline = now + options.RetransMs, Heard = now };
            _entries[key] = entry;
            _incomplete++;
            probe = NeighbourProbe.Multicast;
            return null;
        }
        if (entry.State == NeighbourState.Stale)
        {
            entry.State = NeighbourState.Delay;
            entry.Deadline = now + options.DelayFirstProbeMs;
        }
        return entry.Mac;
    }

    /// <summary>True when a packet may join <paramref name="entry"/>'s queue (it is bounded).</summary>
    public bool CanQueue(Entry entry) => entry.Waiting.Count < options.MaxQueued;

    /// <summary>
    /// An advertisement (RFC 4861 §7.2.5) or a reply about <paramref name="key"/>, from <paramref name="mac"/> (null:
    /// no link address given): <paramref name="solicited"/> confirms reachability, <paramref name="overrides"/> lets a
    /// different link address replace ours. Returns the entry whose queue is now to be flushed, if any.
    /// </summary>
    public Entry? Advertised(TKey key, MacAddress? mac, bool solicited, bool overrides, long now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null; // unsolicited news of a neighbour nobody asked for creates nothing
        }
        if (entry.State == NeighbourState.Incomplete)
        {
            if (mac is not { } link)
            {
                return null;
            }
            Resolved(entry, link, solicited ? NeighbourState.Reachable : NeighbourState.Stale, now);
            return entry;
        }
        var changed = mac is { } m && m != entry.Mac;
        if (!overrides && changed)
        {
            if (entry.State == NeighbourState.Reachable)
            {
                entry.State = NeighbourState.Stale;
            }
            return null;
        }
        if (changed)
        {
            entry.Mac = mac;
        }
        entry.Heard = now;
        if (solicited)
        {
            Confirm(entry, now);
        }
        else if (changed)
        {
            entry.State = NeighbourState.Stale;
        }
        return null;
    }

    /// <summary>
    /// <paramref name="key"/> told us its link address unasked (a solicitation, a router's message, RFC 4861 §7.2.3):
    /// a new entry is STALE, a changed address makes it STALE. Returns the entry whose queue is now to be flushed, if any.
    /// </summary>
    public Entry? Heard(TKey key, MacAddress mac, long now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (MakeRoom())
            {
                _entries[key] = new Entry(NeighbourState.Stale) { Mac = mac, Heard = now };
            }
            return null;
        }
        if (entry.State == NeighbourState.Incomplete)
        {
            Resolved(entry, mac, NeighbourState.Stale, now);
            return entry;
        }
        entry.Heard = now;
        if (entry.Mac != mac)
        {
            entry.Mac = mac;
            entry.State = NeighbourState.Stale;
        }
        return null;
    }

    /// <summary>
    /// Moves the timers on: REACHABLE turns STALE after the reachable time, DELAY turns PROBE, solicitations are
    /// retried; what must be sent goes to <paramref name="probes"/>, entries given up (unresolved, unreachable) to
    /// <paramref name="removed"/> (their queues still to be emptied by the caller).
    /// </summary>
    public void Tick(long now, List<(TKey Key, Entry Entry, NeighbourProbe Probe)> probes, List<Entry> removed)
    {
        List<TKey>? dead = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.State == NeighbourState.Stale || now < entry.Deadline)
            {
                continue;
            }
            switch (entry.State)
            {
                case NeighbourState.Reachable:
                    entry.State = NeighbourState.Stale;
                    break;
                case NeighbourState.Delay:
                    entry.State = NeighbourState.Probe;
                    entry.Probes = 1;
                    entry.Deadline = now + options.RetransMs;
                    probes.Add((key, entry, NeighbourProbe.Unicast));
                    break;
                case NeighbourState.Incomplete or NeighbourState.Probe:
                    var limit = entry.State == NeighbourState.Incomplete ? options.MaxMulticastSolicit : options.MaxUnicastSolicit;
                    if (entry.Probes >= limit)
                    {
                        (dead ??= []).Add(key);
                        break;
                    }
                    entry.Probes++;
                    entry.Deadline = now + options.RetransMs;
                    probes.Add((key, entry, entry.State == NeighbourState.Incomplete ? NeighbourProbe.Multicast : NeighbourProbe.Unicast));
                    break;
            }
        }
        foreach (var key in dead ?? [])
        {
            removed.Add(Remove(key)!);
        }
    }

    /// <summary>Removes <paramref name="key"/>'s entry and returns it (its queue still to be emptied), or null.</summary>
    public Entry? Remove(TKey key)
    {
        if (!_entries.Remove(key, out var entry))
        {
            return null;
        }
        if (entry.State == NeighbourState.Incomplete)
        {
            _incomplete--;
        }
        return entry;
    }

    /// <summary>Evicts a resolved entry (its queue is empty) when the table is full; false when every entry is being resolved.</summary>
    private bool MakeRoom()
    {
        if (_entries.Count < options.MaxEntries)
        {
            return true;
        }
        // The resolved neighbour heard from longest ago; STALE ones before the others.
        TKey? victim = default;
        var found = false;
        (bool Busy, long Heard) oldest = (true, long.MaxValue);
        foreach (var (key, entry) in _entries)
        {
            if (entry.State == NeighbourState.Incomplete)
            {
                continue;
            }
            var rank = (entry.State != NeighbourState.Stale, entry.Heard);
            if (!found || rank.CompareTo(oldest) < 0)
            {
                (victim, oldest, found) = (key, rank, true);
            }
        }
        if (found)
        {
            Remove(victim!);
        }
        return found;
    }

    private void Resolved(Entry entry, MacAddress mac, NeighbourState state, long now)
    {
        _incomplete--;
        entry.Mac = mac;
        entry.Heard = now;
        entry.State = state;
        entry.Deadline = state == NeighbourState.Reachable ? now + options.ReachableMs : 0;
    }

    private void Confirm(Entry entry, long now)
    {
        entry.State = NeighbourState.Reachable;
        entry.Deadline = now + options.ReachableMs;
    }
}
