using System.Buffers;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// An in-memory Ethernet switch connecting any number of <see cref="MemoryNetif"/>s (mirage-tcpip's
/// vnetif backend): a frame goes to the port owning its destination address, or to every other port
/// when the destination is a group address or unknown. Faults are applied per delivery, drawn from a
/// generator seeded by <c>seed</c>; delays run on <c>time</c>. Frames larger than the MTU are dropped.
/// </summary>
public sealed class MemorySwitch(TimeProvider time, int seed = 0, FaultProfile? faults = null, int mtu = 1500)
{
    private readonly Random _random = new(seed);
    private readonly List<MemoryNetif> _ports = [];

    // The ports as an array replaced on every change, so a fault-free unicast frame finds its port without the lock.
    private volatile MemoryNetif[] _snapshot = [];
    private readonly HashSet<ITimer> _delayed = [];
    private ulong _nextMac = 1;

    /// <summary>The faults applied to each delivery.</summary>
    public FaultProfile Faults { get; set; } = faults ?? FaultProfile.None;

    /// <summary>The largest Ethernet payload the switch carries.</summary>
    public int Mtu => mtu;

    /// <summary>Frames dropped by the switch (lost, over the MTU).</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds a port with <paramref name="mac"/> (a fresh local address by default).</summary>
    public MemoryNetif Connect(MacAddress? mac = null)
    {
        lock (_ports)
        {
            var port = new MemoryNetif(this, mac ?? MacAddress.LocalFrom(((ulong)(uint)seed << 16) | _nextMac++), mtu);
            _ports.Add(port);
            _snapshot = [.. _ports];
            return port;
        }
    }

    internal void Remove(MemoryNetif port)
    {
        lock (_ports)
        {
            _ports.Remove(port);
            _snapshot = [.. _ports];
        }
    }

    /// <summary>
    /// Forwards a frame in a pooled <paramref name="buffer"/>; true when the switch kept the buffer (a fault-free
    /// frame for one known port is queued as it is, without a copy), false when the caller still owns it.
    /// </summary>
    internal bool Forward(MemoryNetif from, byte[] buffer, int length)
    {
        if (Faults == FaultProfile.None && length >= 6 && length <= mtu + 14)
        {
            var destination = MacAddress.Read(buffer);
            if (!destination.IsGroup)
            {
                foreach (var port in _snapshot)
                {
                    if (port.Mac == destination)
                    {
                        if (port != from)
                        {
                            port.Enqueue(buffer, length);
                        }
                        return port != from;
                    }
                }
            }
        }
        Forward(from, buffer.AsSpan(0, length));
        return false;
    }

    internal void Forward(MemoryNetif from, ReadOnlySpan<byte> frame)
    {
        lock (_ports)
        {
            if (frame.Length > mtu + 14)
            {
                Dropped++;
                return;
            }
            var destination = frame.Length >= 6 ? MacAddress.Read(frame) : MacAddress.Broadcast;
            MemoryNetif? owner = null;
            if (!destination.IsGroup)
            {
                owner = _ports.Find(p => p.Mac == destination);
            }
            foreach (var port in _ports)
            {
                if (port != from && (owner is null || port == owner))
                {
                    Deliver(port, frame);
                }
            }
        }
    }

    private void Deliver(MemoryNetif port, ReadOnlySpan<byte> frame)
    {
        var faults = Faults;
        if (Chance(faults.Loss))
        {
            Dropped++;
            return;
        }
        var copies = Chance(faults.Duplication) ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            var length = frame.Length;
            var extra = Chance(faults.TrailingBytes) ? _random.Next(1, 17) : 0;
            var buffer = ArrayPool<byte>.Shared.Rent(length + extra);
            frame.CopyTo(buffer);
            _random.NextBytes(buffer.AsSpan(length, extra));
            length += extra;
            if (Chance(faults.Truncation) && length > 0)
            {
                length = _random.Next(length);
            }
            if (Chance(faults.Corruption) && length > 0)
            {
                buffer[_random.Next(length)] ^= (byte)(1 << _random.Next(8));
            }
            var delay = faults.Delay;
            if (faults.Jitter > TimeSpan.Zero)
            {
                delay += faults.Jitter * _random.NextDouble();
            }
            if (Chance(faults.Reordering))
            {
                delay += faults.ReorderDelay;
            }
            if (delay <= TimeSpan.Zero)
            {
                port.Enqueue(buffer, length);
            }
            else
            {
                Later(port, buffer, length, delay);
            }
        }
    }

    private void Later(MemoryNetif port, byte[] buffer, int length, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                lock (_ports)
                {
                    _delayed.Remove(timer!);
                }
                timer!.Dispose();
                port.Enqueue(buffer, length);
            },
            null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _delayed.Add(timer); // a timer must stay referenced until it fires
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;
}
