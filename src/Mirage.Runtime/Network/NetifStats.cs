namespace Mirage.Runtime.Network;

/// <summary>
/// Counters of a network interface (upstream's <c>Mirage_net.stats</c>), plus the frames it dropped
/// (too large, failed writes). Updated atomically; read at any time.
/// </summary>
public sealed class NetifStats
{
    private long _rxBytes, _rxPackets, _txBytes, _txPackets, _rxDropped, _txDropped;

    /// <summary>Bytes received.</summary>
    public long RxBytes => Interlocked.Read(ref _rxBytes);

    /// <summary>Frames received.</summary>
    public long RxPackets => Interlocked.Read(ref _rxPackets);

    /// <summary>Bytes sent.</summary>
    public long TxBytes => Interlocked.Read(ref _txBytes);

    /// <summary>Frames sent.</summary>
    public long TxPackets => Interlocked.Read(ref _txPackets);

    /// <summary>Frames received and dropped by the interface (oversized, no listener).</summary>
    public long RxDropped => Interlocked.Read(ref _rxDropped);

    /// <summary>Frames not sent (too large for the MTU, the device refused them).</summary>
    public long TxDropped => Interlocked.Read(ref _txDropped);

    /// <summary>Counts one received frame.</summary>
    public void Received(int bytes)
    {
        Interlocked.Increment(ref _rxPackets);
        Interlocked.Add(ref _rxBytes, bytes);
    }

    /// <summary>Counts one sent frame.</summary>
    public void Sent(int bytes)
    {
        Interlocked.Increment(ref _txPackets);
        Interlocked.Add(ref _txBytes, bytes);
    }

    /// <summary>Counts one dropped incoming frame.</summary>
    public void DroppedIncoming() => Interlocked.Increment(ref _rxDropped);

    /// <summary>Counts one frame that could not be sent.</summary>
    public void DroppedOutgoing() => Interlocked.Increment(ref _txDropped);

    /// <summary>Sets every counter back to zero (upstream's <c>reset_stats_counters</c>).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _rxBytes, 0);
        Interlocked.Exchange(ref _rxPackets, 0);
        Interlocked.Exchange(ref _txBytes, 0);
        Interlocked.Exchange(ref _txPackets, 0);
        Interlocked.Exchange(ref _rxDropped, 0);
        Interlocked.Exchange(ref _txDropped, 0);
    }
}
