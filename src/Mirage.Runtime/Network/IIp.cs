using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>The IP layer as the upper layers see it (upstream's <c>Tcpip.Ip.S</c>, the parts above the wire).</summary>
public interface IIp
{
    /// <summary>The configured addresses with their prefixes (upstream's <c>configured_ips</c>).</summary>
    IReadOnlyList<IpPrefix> ConfiguredAddresses { get; }

    /// <summary>The largest payload an IP packet to <paramref name="destination"/> can carry.</summary>
    int Mtu(IPAddress destination);

    /// <summary>The source address used for <paramref name="destination"/>.</summary>
    IPAddress Source(IPAddress destination);
}
