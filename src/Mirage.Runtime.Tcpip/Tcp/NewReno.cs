namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// Congestion control: slow start and congestion avoidance (RFC 5681) with NewReno fast retransmit and recovery
/// (RFC 6582) and limited transmit (RFC 3042). Pure arithmetic on the window; the connection decides what to retransmit.
/// </summary>
public sealed class NewReno(int mss)
{
    /// <summary>The initial window (RFC 6928: ten segments).</summary>
    public const int InitialSegments = 10;

    /// <summary>The duplicate ACKs that start fast retransmit.</summary>
    public const int DuplicateThreshold = 3;

    /// <summary>The congestion window in bytes.</summary>
    public long Window { get; private set; } = (long)InitialSegments * mss;

    /// <summary>The slow-start threshold in bytes.</summary>
    public long Threshold { get; private set; } = long.MaxValue;

    /// <summary>Whether fast recovery is in progress.</summary>
    public bool InRecovery { get; private set; }

    /// <summary>The highest sequence sent when recovery began (RFC 6582's <c>recover</c>).</summary>
    public uint Recover { get; private set; }

    /// <summary>
    /// What may be outstanding: the window, and outside recovery one more segment for each of the first two duplicate
    /// ACKs (RFC 3042 limited transmit: new data keeps the ACKs coming, so a small window still reaches fast retransmit).
    /// </summary>
    public long SendWindow => InRecovery ? Window : Window + (Math.Min(Duplicates, DuplicateThreshold - 1) * (long)mss);

    /// <summary>Consecutive duplicate ACKs.</summary>
    public int Duplicates { get; private set; }

    /// <summary>
    /// An ACK of <paramref name="acked"/> new bytes up to <paramref name="ack"/> with <paramref name="flight"/> bytes
    /// outstanding after it. True when it is a partial ACK in recovery (the next hole must be retransmitted).
    /// </summary>
    public bool OnNewAck(uint ack, int acked, long flight)
    {
        Duplicates = 0;
        if (InRecovery)
        {
            if (Seq.Ge(ack, Recover))
            {
                // Full acknowledgment: deflate the window (RFC 6582 §3.2 step 3, option 1).
                InRecovery = false;
                Window = Math.Min(Threshold, Math.Max(flight, mss) + mss);
                return false;
            }
            Window = Math.Max(mss, Window - acked + mss);
            return true;
        }
        Window += Window < Threshold ? Math.Min(acked, mss) : Math.Max(1, (long)mss * mss / Window);
        return false;
    }

    /// <summary>
    /// A duplicate ACK at <paramref name="una"/> with <paramref name="flight"/> bytes outstanding and
    /// <paramref name="highest"/> the highest sequence sent. True when fast retransmit starts now.
    /// </summary>
    public bool OnDuplicateAck(uint una, long flight, uint highest)
    {
        Duplicates++;
        if (InRecovery)
        {
            Window += mss;
            return false;
        }
        // RFC 6582 §3.2 step 2: no new recovery for losses of the previous window.
        if (Duplicates == DuplicateThreshold && (Recover == 0 || Seq.Gt(una, Recover)))
        {
            Threshold = Math.Max(flight / 2, 2L * mss);
            Window = Threshold + (3L * mss);
            Recover = highest;
            InRecovery = true;
            return true;
        }
        return false;
    }

    /// <summary>A retransmission timeout: back to one segment (RFC 5681 §3.1).</summary>
    public void OnTimeout(long flight, uint highest)
    {
        Threshold = Math.Max(flight / 2, 2L * mss);
        Window = mss;
        Recover = highest;
        InRecovery = false;
        Duplicates = 0;
    }
}
