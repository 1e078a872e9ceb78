using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>Address resolution for IPv4 over Ethernet (upstream's <c>Arp.S</c>).</summary>
public interface IArp
{
    /// <summary>The IPv4 addresses we answer for.</summary>
    IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Replaces our addresses, announcing each with a gratuitous ARP (upstream's <c>set_ips</c>).</summary>
    void SetAddresses(IReadOnlyList<IPAddress> addresses);

    /// <summary>The Ethernet address of <paramref name="address"/>, asking the link if it is not cached
    /// (upstream's <c>query</c>); null when nobody answered in time.</summary>
    ValueTask<MacAddress?> QueryAsync(IPAddress address, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends an IPv4 packet to <paramref name="nextHop"/>: at once when its address is cached, otherwise
    /// after resolution (the packet waits, copied, in a bounded queue). Null when sent or queued.
    /// </summary>
    NetifError? Send<TState>(IPAddress nextHop, int payloadSize, TState state, SpanWriter<TState> fill);
}
