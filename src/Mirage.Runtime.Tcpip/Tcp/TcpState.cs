namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>The states of a connection (RFC 9293 §3.3.2); LISTEN lives in the demultiplexer, not in a connection.</summary>
public enum TcpState
{
    /// <summary>No connection (before opening, or after it ended).</summary>
    Closed,

    /// <summary>Our SYN is out, waiting for the peer's.</summary>
    SynSent,

    /// <summary>Both SYNs seen, waiting for the ACK of ours.</summary>
    SynReceived,

    /// <summary>Data flows both ways.</summary>
    Established,

    /// <summary>We sent FIN, not yet acknowledged.</summary>
    FinWait1,

    /// <summary>Our FIN is acknowledged; the peer may still send.</summary>
    FinWait2,

    /// <summary>The peer sent FIN; we may still send.</summary>
    CloseWait,

    /// <summary>Both sent FIN at once; waiting for the ACK of ours.</summary>
    Closing,

    /// <summary>The peer's FIN came first; waiting for the ACK of ours.</summary>
    LastAck,

    /// <summary>Both FINs acknowledged; waiting out 2 MSL for stray segments.</summary>
    TimeWait,
}

/// <summary>What a connection tells its owner.</summary>
public enum TcpSignal
{
    /// <summary>The handshake completed.</summary>
    Established,

    /// <summary>New bytes can be read.</summary>
    Readable,

    /// <summary>Room was freed in the send buffer.</summary>
    Writable,

    /// <summary>The peer sent FIN: reads end after what is buffered.</summary>
    PeerFinished,

    /// <summary>The connection ended normally (both sides closed).</summary>
    Closed,

    /// <summary>The peer reset the connection (or refused it).</summary>
    Reset,

    /// <summary>The peer stopped answering (retransmissions, handshake or keepalive exhausted).</summary>
    TimedOut,
}
