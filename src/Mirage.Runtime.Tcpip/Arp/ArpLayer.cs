using System.Buffers;
using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Arp;

/// <summary>
/// ARP over Ethernet (upstream's <c>Arp.Make (Ethernet)</c>, RFC 826 with RFC 5227's announcements): a bounded
/// cache of learnt addresses with lifetimes, requests retried <see cref="ArpOptions.Probes"/> times, and a
/// bounded queue of packets per next hop awaiting its answer. Time advances through <see cref="Tick"/>.
/// </summary>
public sealed class ArpLayer : IArp
{
    private static readonly LogSource Log = new("arp");

    private sealed class Entry
    {
        public MacAddress? Mac;
        public long Expires;
        public long NextProbe;
        public int ProbesLeft;
        public readonly Queue<(byte[] Packet, int Length)> Waiting = new();
        public List<TaskCompletionSource<MacAddress?>>? Waiters;
    }

    private readonly IEthernet _ethernet;
    private readonly TimeProvider _time;
    private readonly ArpOptions _options;
    private readonly Dictionary<uint, Entry> _cache = [];
    private readonly Lock _gate = new();
    private uint[] _ours = [];
    private int _pending;

    private ArpLayer(IEthernet ethernet, TimeProvider time, ArpOptions options)
    {
        _ethernet = ethernet;
        _time = time;
        _options = options;
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
            var entry = Lookup(ip);
            if (entry is null)
            {
                return ValueTask.FromResult<MacAddress?>(null);
            }
            if (entry.Mac is { } known)
            {
                return ValueTask.FromResult<MacAddress?>(known);
            }
            waiter = new TaskCompletionSource<MacAddress?>(TaskCreationOptions.RunContinuationsAsynchronously);
            (entry.Waiters ??= []).Add(waiter);
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
            var entry = Lookup(ip);
            if (entry is null)
            {
                Counts.Count(ArpCount.QueueDropped);
                return NetifError.Unresolved;
            }
            if (entry.Mac is { } mac)
            {
                return _ethernet.Write(mac, EtherTypes.Ipv4, payloadSize, state, fill);
            }
            if (entry.Waiting.Count >= _options.MaxQueuedPerHop)
            {
                Counts.Count(ArpCount.QueueDropped);
                return null; // as a full queue on a link: lost, not an error of the caller
            }
            var packet = ArrayPool<byte>.Shared.Rent(payloadSize);
            entry.Waiting.Enqueue((packet, fill(packet.AsSpan(0, payloadSize), state)));
            return null;
        }
    }

    /// <summary>Expires entries, retries requests, gives up on silent next hops. Called by the stack's clock.</summary>
    public void Tick()
    {
        var now = Now;
        lock (_gate)
        {
            List<uint>? dead = null;
            foreach (var (ip, entry) in _cache)
            {
                if (entry.Mac is not null)
                {
                    if (entry.Expires <= now)
                    {
                        (dead ??= []).Add(ip);
                    }
                }
                else if (entry.NextProbe <= now)
                {
                    if (entry.ProbesLeft <= 0)
                    {
                        Counts.Count(ArpCount.Unresolved);
                        (dead ??= []).Add(ip);
                    }
                    else
                    {
                        Probe(ip, entry, now);
                    }
                }
            }
            foreach (var ip in dead ?? [])
            {
                Forget(ip);
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
                // RFC 826's merge: refresh what we know; learn the sender only when it talks to us.
                if (_cache.TryGetValue(packet.SenderIp, out var entry))
                {
                    Resolve(entry, packet.SenderMac);
                }
                else if (forUs)
                {
                    Learn(packet.SenderIp, packet.SenderMac);
                }
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

    private Entry? Lookup(uint ip)
    {
        if (_cache.TryGetValue(ip, out var entry))
        {
            return entry;
        }
        if (_pending >= _options.MaxPending || !MakeRoom())
        {
            return null;
        }
        entry = new Entry { ProbesLeft = _options.Probes };
        _cache[ip] = entry;
        _pending++;
        Probe(ip, entry, Now);
        return entry;
    }

    private void Probe(uint ip, Entry entry, long now)
    {
        entry.ProbesLeft--;
        entry.NextProbe = now + (long)_options.RetryInterval.TotalMilliseconds;
        var sender = _ours.Length > 0 ? _ours[0] : 0;
        Counts.Count(ArpCount.RequestsSent);
        SendPacket(new ArpPacket(ArpOperation.Request, _ethernet.Mac, sender, MacAddress.Zero, ip), MacAddress.Broadcast);
    }

    private void Learn(uint ip, MacAddress mac)
    {
        if (!MakeRoom())
        {
            Counts.Count(ArpCount.CacheFull);
            return;
        }
        _cache[ip] = new Entry { Mac = mac, Expires = Now + (long)_options.EntryLifetime.TotalMilliseconds };
    }

    private void Resolve(Entry entry, MacAddress mac)
    {
        if (entry.Mac is null)
        {
            _pending--;
        }
        entry.Mac = mac;
        entry.Expires = Now + (long)_options.EntryLifetime.TotalMilliseconds;
        while (entry.Waiting.TryDequeue(out var waiting))
        {
            _ethernet.Write(mac, EtherTypes.Ipv4, waiting.Length, waiting, static (buffer, w) =>
            {
                w.Packet.AsSpan(0, w.Length).CopyTo(buffer);
                return w.Length;
            });
            ArrayPool<byte>.Shared.Return(waiting.Packet);
        }
        foreach (var waiter in entry.Waiters ?? [])
        {
            waiter.TrySetResult(mac);
        }
        entry.Waiters = null;
    }

    /// <summary>Evicts the resolved entry closest to expiry when full; false when every entry is pending.</summary>
    private bool MakeRoom()
    {
        if (_cache.Count < _options.MaxEntries)
        {
            return true;
        }
        uint? victim = null;
        var soonest = long.MaxValue;
        foreach (var (ip, entry) in _cache)
        {
            if (entry.Mac is not null && entry.Expires < soonest)
            {
                soonest = entry.Expires;
                victim = ip;
            }
        }
        if (victim is { } v)
        {
            Forget(v);
            return true;
        }
        return false;
    }

    private void Forget(uint ip)
    {
        if (!_cache.Remove(ip, out var entry))
        {
            return;
        }
        if (entry.Mac is null)
        {
            _pending--;
        }
        while (entry.Waiting.TryDequeue(out var waiting))
        {
            Counts.Count(ArpCount.QueueDropped);
            ArrayPool<byte>.Shared.Return(waiting.Packet);
        }
        foreach (var waiter in entry.Waiters ?? [])
        {
            waiter.TrySetResult(null);
        }
    }

    private void SendPacket(ArpPacket packet, MacAddress destination) =>
        _ethernet.Write(destination, EtherTypes.Arp, ArpPacket.Length, packet, static (buffer, p) =>
        {
            p.TryWrite(buffer);
            return ArpPacket.Length;
        });
}
