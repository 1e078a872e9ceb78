namespace Mirage.Runtime.Tcpip.Arp;

/// <summary>What the ARP layer counts.</summary>
public enum ArpCount
{
    /// <summary>Valid ARP packets received.</summary>
    Received,

    /// <summary>Not an Ethernet/IPv4 request or reply.</summary>
    Malformed,

    /// <summary>Replies we sent to requests for our addresses.</summary>
    RepliesSent,

    /// <summary>Requests we sent (resolutions, probes, gratuitous announcements).</summary>
    RequestsSent,

    /// <summary>Entries not learnt because the cache was full of fresher ones.</summary>
    CacheFull,

    /// <summary>Packets dropped because their next hop's queue was full, or it never answered.</summary>
    QueueDropped,

    /// <summary>Resolutions that got no answer.</summary>
    Unresolved,

    /// <summary>Another host claims one of our addresses.</summary>
    Conflicts,
}
