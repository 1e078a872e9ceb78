namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>What the TCP layer counts (after RFC 4022's TCP MIB: tcpActiveOpens, tcpInSegs, tcpRetransSegs...).</summary>
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
}
