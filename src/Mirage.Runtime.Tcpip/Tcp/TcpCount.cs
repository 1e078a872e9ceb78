namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// What our TCP counts over all its connections: segments, bytes, resets and opens (after RFC 4022's
/// TCP MIB: tcpActiveOpens, tcpInSegs, tcpRetransSegs...), and the events that show how it recovers
/// from loss and what paces it.
/// </summary>
public enum TcpCount
{
    /// <summary>Segments received with a valid header and checksum, whatever became of them.</summary>
    SegmentsReceived,

    /// <summary>Segments sent, retransmissions and resets included.</summary>
    SegmentsSent,

    /// <summary>Payload bytes received (headers excluded).</summary>
    ReceivedBytes,

    /// <summary>Payload bytes sent (headers excluded, retransmissions included).</summary>
    SentBytes,

    /// <summary>Segments sent again: data or FIN after a timeout or by fast retransmit, a SYN or SYN-ACK resent.</summary>
    SegmentsRetransmitted,

    /// <summary>Segments received with RST set.</summary>
    ResetsReceived,

    /// <summary>Segments sent with RST set.</summary>
    ResetsSent,

    /// <summary>Connections we asked for (a SYN sent by a connect).</summary>
    ActiveOpens,

    /// <summary>Connections a listener accepted (handed to its handler once established).</summary>
    PassiveOpens,

    /// <summary>Connections we asked for that failed (refused, unreachable, timed out).</summary>
    AttemptFails,

    /// <summary>Segments refused as malformed (bad checksum, offsets or options).</summary>
    Malformed,

    /// <summary>Retransmission timeouts that fired with data outstanding (RFC 6298).</summary>
    Timeouts,

    /// <summary>Fast retransmits: loss recoveries entered on duplicate ACKs or SACK (RFC 5681, RFC 6675).</summary>
    FastRetransmits,

    /// <summary>New segments sent on the first two duplicate ACKs (RFC 3042 limited transmit).</summary>
    LimitedTransmits,

    /// <summary>ACKs sent because the delayed-ACK timer ran out (rather than on a second segment).</summary>
    DelayedAcks,

    /// <summary>Window updates sent because the application read (receiver-side silly window avoidance allowing).</summary>
    WindowUpdates,

    /// <summary>Probes of a peer's zero window.</summary>
    ZeroWindowProbes,
}
