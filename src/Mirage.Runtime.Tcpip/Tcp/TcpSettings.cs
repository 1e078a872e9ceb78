namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>The tunables of our TCP, with defaults close to Linux's; every bound on memory is here.</summary>
public sealed record TcpSettings
{
    /// <summary>Bytes a connection buffers for sending (unacknowledged and unsent).</summary>
    public int SendBuffer { get; init; } = 256 * 1024;

    /// <summary>Bytes a connection buffers received (unread and out of order): the largest window it offers.</summary>
    public int ReceiveBuffer { get; init; } = 256 * 1024;

    /// <summary>Disjoint out-of-order ranges a receiver holds at most (more are dropped, to be retransmitted).</summary>
    public int MaxOutOfOrderRanges { get; init; } = 16;

    /// <summary>How long an in-order segment's ACK may wait for a second one (RFC 9293 §3.8.6.3: under 500 ms).</summary>
    public long DelayedAckMs { get; init; } = 40;

    /// <summary>RTO bounds (RFC 6298 says a minimum of 1 s; like Linux we use 200 ms).</summary>
    public long MinRtoMs { get; init; } = 200;

    /// <inheritdoc cref="MinRtoMs"/>
    public long MaxRtoMs { get; init; } = 60_000;

    /// <summary>Retransmissions of one segment before the connection times out.</summary>
    public int MaxRetransmissions { get; init; } = 12;

    /// <summary>SYN (or SYN-ACK) retransmissions before the handshake times out.</summary>
    public int MaxSynRetransmissions { get; init; } = 5;

    /// <summary>How long TIME_WAIT lasts (2 MSL).</summary>
    public long TimeWaitMs { get; init; } = 60_000;

    /// <summary>How long FIN_WAIT_2 waits for the peer's FIN once the application has closed.</summary>
    public long FinWait2Ms { get; init; } = 60_000;

    /// <summary>Half-open connections a listener keeps before answering SYNs with cookies.</summary>
    public int SynBacklog { get; init; } = 128;

    /// <summary>Connections in all (beyond it, new ones are refused).</summary>
    public int MaxConnections { get; init; } = 16_384;

    /// <summary>Keepalive: idle time before the first probe, interval and probes before giving up (0 idle: off).</summary>
    public long KeepaliveIdleMs { get; init; }

    /// <inheritdoc cref="KeepaliveIdleMs"/>
    public long KeepaliveIntervalMs { get; init; } = 75_000;

    /// <inheritdoc cref="KeepaliveIdleMs"/>
    public int KeepaliveProbes { get; init; } = 9;

    /// <summary>The window shift we offer (RFC 7323); 7 covers buffers up to 8 MiB.</summary>
    public byte WindowScale { get; init; } = 7;

    /// <summary>Send at once, without Nagle's coalescing of small segments.</summary>
    public bool NoDelay { get; init; }
}
