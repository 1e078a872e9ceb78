namespace Mirage.Runtime.Tcpip.Ipv6;

/// <summary>What the IPv6 layer counts.</summary>
public enum Ipv6Count
{
    /// <summary>Packets handed to a transport.</summary>
    Delivered,

    /// <summary>Bad version, lengths, extension headers or ICMPv6 checksum.</summary>
    Malformed,

    /// <summary>Addressed to someone else.</summary>
    NotForUs,

    /// <summary>A protocol nobody listens to.</summary>
    UnknownProtocol,

    /// <summary>Fragments received.</summary>
    Fragments,

    /// <summary>Datagrams rebuilt from fragments.</summary>
    Reassembled,

    /// <summary>Fragments dropped: overlapping, invalid or evicting.</summary>
    FragmentsDropped,

    /// <summary>Echo requests answered.</summary>
    EchoReplies,

    /// <summary>Neighbour discovery messages that failed RFC 4861's checks (hop limit 255, options).</summary>
    NdInvalid,

    /// <summary>Neighbour solicitations we answered.</summary>
    NeighborAdvertisementsSent,

    /// <summary>Resolutions refused: too many neighbours being resolved at once.</summary>
    NeighborCacheFull,

    /// <summary>Multicast neighbour solicitations sent to resolve an address.</summary>
    NeighborSolicitationsSent,

    /// <summary>Unicast solicitations sent to confirm that a neighbour is still reachable (PROBE).</summary>
    NeighborProbesSent,

    /// <summary>Neighbours given up: unresolved after three solicitations, or unreachable after three probes.</summary>
    NeighborsUnreachable,

    /// <summary>Packets dropped waiting for a neighbour that never answered, or a full queue.</summary>
    QueueDropped,

    /// <summary>Addresses given up because duplicate address detection found another owner.</summary>
    DuplicateAddresses,

    /// <summary>Router advertisements accepted.</summary>
    RouterAdvertisements,

    /// <summary>Packets sent, fragments counted once each.</summary>
    Sent,

    /// <summary>Packets not sent: no route, no source address, too large.</summary>
    SendFailed,
}
