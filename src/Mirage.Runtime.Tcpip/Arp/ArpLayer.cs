using System.Buffers;
using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Arp;

/// <summary>
/// ARP over Ethernet (upstream's <c>Arp.Make (Ethernet)</c>, RFC 826 with RFC 5227's announcements) on the bounded
/// <see cref="NeighbourTable{TKey}"/> that IPv6's neighbour discovery uses too: requests retried
/// <see cref="ArpOptions.Probes"/> times, a bounded queue of packets per next hop awaiting its answer, and a learnt
/// address confirmed by a reply is trusted for <see cref="ArpOptions.EntryLifetime"/>, then checked again by unicast
/// requests when next used (neighbour unreachability detection, as Linux does for ARP). Time advances through
/// <see cref="Tick"/>.
/// </summary>
public sealed class ArpLayer : IArp
{
    private static readonly LogSource Log = new("arp");

    private readonly IEthernet _ethernet;
    private readonly TimeProvider _time;
    private readonly NeighbourTable<uint> _cache;
    private readonly Dictionary<uint, List<TaskCompletionSource<MacAddress?>>> _waiters = [];
    private readonly List<(uint Key, NeighbourTable<uint>.Entry Entry, NeighbourProbe Probe)> _probes = [];
    private readonly List<NeighbourTable<uint>.Entry> _given = [];
    private readonly Lock _gate = new();
    private uint[] _ours = [];

    private ArpLayer(IEthernet ethernet, TimeProvider time, ArpOptions options)
    {
        _ethernet = ethernet;
        _time = time;
        _cache = new NeighbourTable<uint>(new NeighbourTableOptions
        {
            MaxEntries = options.MaxEntries,
            MaxIncomplete = options.MaxPending,
            MaxQueued = options.MaxQueuedPerHop,
            ReachableMs = (long)options.EntryLifetime.TotalMilliseconds,
            RetransMs = (long)options.RetryInterval.TotalMilliseconds,
            MaxMulticastSolicit = options.Probes,
            MaxUnicastSolicit = options.Probes,
        });
    }

    /// <summary>Starts ARP on <paramref name="ethernet"/> (upstream's <c>Arp.connect</c>); it listens to ARP frames at once.</summary>
    public static ArpLayer Connect(IEthernet ethernet, TimeProvider time, ArpOptions? options = null)
    {
        var arp = new ArpLayer(ethernet, time, options ?? ArpOptions.Default);
        ethernet.Listen(EtherTypes.Arp, arp.InputAsync);
        return arp;
    }

    /// <summary>What arrived, what was sent and dropped.</summary>
    public DropCounters<ArpCount> Counts { get; } = new();

    /// <summary>How many entries the cache holds (resolved and pending).</summary>
    public int CacheSize
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>Where the next hop <paramref name="address"/> stands in the cache, if it is there.</summary>
    public NeighbourState? StateOf(IPAddress address)
    {
        lock (_gate)
        {
            return _cache.Find(Common.Addresses.V4(address))?.State;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<IPAddress> Addresses
    {
        get
        {
            lock (_gate)
            {
                return [.. _ours.Select(Common.Addresses.FromV4)];
            }
        }
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public void SetAddresses(IReadOnlyList<IPAddress> addresses)
    {
        lock (_gate)
        {
            _ours = [.. addresses.Select(Common.Addresses.V4).Where(a => a != 0)];
            foreach (var ip in _ours)
            {
                // A gratuitous ARP: tells the link (and its switches) where we are now.
                SendPacket(new ArpPacket(ArpOperation.Request, _ethernet.Mac, ip, MacAddress.Zero, ip), MacAddress.Broadcast);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<MacAddress?> QueryAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        var ip = Common.Addresses.V4(address);
        TaskCompletionSource<MacAddress?> waiter;
        lock (_gate)
        {
            if (Special(ip) is { } special)
            {
                return ValueTask.FromResult<MacAddress?>(special);
            }
            if (Resolve(ip, out var entry) is { } known)
            {
                return ValueTask.FromResult<MacAddress?>(known);
            }
            if (entry is null)
            {
                return ValueTask.FromResult<MacAddress?>(null);
            }
            waiter = new TaskCompletionSource<MacAddress?>(TaskCreationOptions.RunContinuationsAsynchronously);
            (_waiters.TryGetValue(ip, out var list) ? list : _waiters[ip] = []).Add(waiter);
        }
        return new ValueTask<MacAddress?>(waiter.Task.WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public NetifError? Send<TState>(IPAddress nextHop, int payloadSize, TState state, SpanWriter<TState> fill)
    {
        var ip = Common.Addresses.V4(nextHop);
        lock (_gate)
        {
            if (Special(ip) is { } special)
            {
                return _ethernet.Write(special, EtherTypes.Ipv4, payloadSize, state, fill);
            }
            if (Resolve(ip, out var entry) is { } mac)
            {
                return _ethernet.Write(mac, EtherTypes.Ipv4, payloadSize, state, fill);
            }
            if (entry is null || !_cache.CanQueue(entry))
            {
                Counts.Count(ArpCount.QueueDropped);
                // No room to resolve: unresolved; a full queue is as a full queue on a link: lost, not an error of the caller.
                return entry is null ? NetifError.Unresolved : null;
            }
            var packet = ArrayPool<byte>.Shared.Rent(payloadSize);
            entry.Waiting.Enqueue((packet, fill(packet.AsSpan(0, payloadSize), state)));
            return null;
        }
    }

    /// <summary>Retries requests, probes next hops whose answer is old, gives up on silent ones. Called by the stack's clock.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            _cache.Tick(Now, _probes, _given);
            foreach (var (ip, entry, probe) in _probes)
            {
                Request(ip, probe == NeighbourProbe.Unicast ? entry.Mac : null);
            }
            foreach (var entry in _given)
            {
                Counts.Count(ArpCount.Unresolved);
                Counts.Count(ArpCount.QueueDropped, entry.DropWaiting());
            }
            _probes.Clear();
            _given.Clear();
            // Waiters whose next hop is gone learn it now.
            foreach (var ip in _waiters.Keys.Where(ip => _cache.Find(ip) is null).ToList())
            {
                Answer(ip, null);
            }
        }
    }

    private ValueTask InputAsync(MacAddress source, MacAddress destination, ReadOnlyMemory<byte> payload)
    {
        if (!ArpPacket.TryParse(payload.Span, out var packet) || packet.SenderMac.IsGroup || packet.SenderMac == MacAddress.Zero)
        {
            Counts.Count(ArpCount.Malformed);
            return ValueTask.CompletedTask;
        }
        Counts.Count(ArpCount.Received);
        lock (_gate)
        {
            var forUs = Array.IndexOf(_ours, packet.TargetIp) >= 0;
            if (Array.IndexOf(_ours, packet.SenderIp) >= 0 && packet.SenderMac != _ethernet.Mac)
            {
                Counts.Count(ArpCount.Conflicts);
                Log.Warning($"{packet.SenderMac} claims our address {Common.Addresses.FromV4(packet.SenderIp)}");
            }
            else if (packet.SenderIp != 0)
            {
                // RFC 826's merge: refresh what we know; learn the sender only when it talks to us. A reply to us
                // confirms the neighbour is reachable; anything else only tells where it is.
                var known = _cache.Find(packet.SenderIp) is not null;
                var flushed = known && forUs && packet.Operation == ArpOperation.Reply
                    ? _cache.Advertised(packet.SenderIp, packet.SenderMac, solicited: true, overrides: true, Now)
                    : known || forUs ? _cache.Heard(packet.SenderIp, packet.SenderMac, Now) : null;
                if (!known && forUs && _cache.Find(packet.SenderIp) is null)
                {
                    Counts.Count(ArpCount.CacheFull);
                }
                Flush(packet.SenderIp, flushed);
            }
            if (forUs && packet.Operation == ArpOperation.Request)
            {
                Counts.Count(ArpCount.RepliesSent);
                SendPacket(new ArpPacket(ArpOperation.Reply, _ethernet.Mac, packet.TargetIp, packet.SenderMac, packet.SenderIp), packet.SenderMac);
            }
        }
        return ValueTask.CompletedTask;
    }

    private static MacAddress? Special(uint ip) =>
        ip == uint.MaxValue ? MacAddress.Broadcast
        : (ip >> 28) == 0xE ? MacAddress.FromValue(0x0100_5E00_0000UL | (ip & 0x7F_FFFF)) // RFC 1112 §6.4
        : null;

    /// <summary>The next hop's address when known; else starts or continues its resolution (<paramref name="entry"/> null: no room).</summary>
    private MacAddress? Resolve(uint ip, out NeighbourTable<uint>.Entry? entry)
    {
        var mac = _cache.Send(ip, Now, out entry, out var probe);
        if (probe is not null)
        {
            Request(ip, null);
        }
        return mac;
    }

    /// <summary>Asks who has <paramref name="ip"/>: by broadcast to resolve it, to <paramref name="cached"/> to check it is still there.</summary>
    private void Request(uint ip, MacAddress? cached)
    {
        var sender = _ours.Length > 0 ? _ours[0] : 0;
        Counts.Count(ArpCount.RequestsSent);
        SendPacket(new ArpPacket(ArpOperation.Request, _ethernet.Mac, sender, MacAddress.Zero, ip), cached ?? MacAddress.Broadcast);
    }

    private void Flush(uint ip, NeighbourTable<uint>.Entry? entry)
    {
        if (entry?.Mac is { } mac)
        {
            entry.SendWaiting(_ethernet, EtherTypes.Ipv4);
            Answer(ip, mac);
        }
    }

    private void Answer(uint ip, MacAddress? mac)
    {
        if (_waiters.Remove(ip, out var waiters))
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult(mac);
            }
        }
    }

    private void SendPacket(ArpPacket packet, MacAddress destination) =>
        _ethernet.Write(destination, EtherTypes.Arp, ArpPacket.Length, packet, static (buffer, p) =>
        {
            p.TryWrite(buffer);
            return ArpPacket.Length;
        });
}
