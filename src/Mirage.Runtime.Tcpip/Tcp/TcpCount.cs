namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>What our TCP counts over all its connections: the events that show how it recovers from loss and what paces it.</summary>
public enum TcpCount
{
    /// <summary>Retransmission timeouts that fired with data outstanding (RFC 6298).</summary>
    Timeouts,

    /// <summary>Fast retransmits: loss recoveries entered on duplicate ACKs or SACK (RFC 5681, RFC 6675).</summary>
    FastRetransmits,

    /// <summary>Segments sent again (after a timeout, in recovery, for a partial ACK).</summary>
    Retransmitted,

    /// <summary>New segments sent on the first two duplicate ACKs (RFC 3042 limited transmit).</summary>
    LimitedTransmits,

    /// <summary>ACKs sent because the delayed-ACK timer ran out (rather than on a second segment).</summary>
    DelayedAcks,

    /// <summary>Window updates sent because the application read (receiver-side silly window avoidance allowing).</summary>
    WindowUpdates,

    /// <summary>Probes of a peer's zero window.</summary>
    ZeroWindowProbes,
}
