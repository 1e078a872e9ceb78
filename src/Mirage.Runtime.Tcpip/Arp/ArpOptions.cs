namespace Mirage.Runtime.Tcpip.Arp;

/// <summary>The bounds and timers of the ARP layer.</summary>
public sealed record ArpOptions
{
    /// <summary>The defaults.</summary>
    public static readonly ArpOptions Default = new();

    /// <summary>Cache entries, resolved and pending together; past it the resolved entry heard from longest ago goes.</summary>
    public int MaxEntries { get; init; } = 256;

    /// <summary>Next hops being resolved at once; past it packets to new ones are dropped.</summary>
    public int MaxPending { get; init; } = 32;

    /// <summary>Packets waiting per next hop (the newest are dropped when full).</summary>
    public int MaxQueuedPerHop { get; init; } = 8;

    /// <summary>How long a reply keeps a next hop reachable; after it, the next packet to it starts a check by unicast requests.</summary>
    public TimeSpan EntryLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between requests for one next hop.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests before giving up on a next hop (broadcast to resolve it, unicast to check it).</summary>
    public int Probes { get; init; } = 3;
}
