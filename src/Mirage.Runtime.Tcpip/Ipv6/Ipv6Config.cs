using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Ipv6;

/// <summary>
/// The configuration of an IPv6 layer (upstream's <c>ipv6_config</c>): an optional address, an optional gateway,
/// and whether router advertisements configure it (SLAAC, <c>--accept-router-advertisements</c>). A link-local
/// address is always made from the Ethernet address.
/// </summary>
public sealed record Ipv6Config(IpPrefix? Address = null, IPAddress? Gateway = null, bool AcceptRouterAdvertisements = false)
{
    /// <summary>Link-local only, no router advertisements.</summary>
    public static readonly Ipv6Config Default = new();

    /// <summary>A problem with the configuration, naming the argument, or null when it is usable.</summary>
    public string? Validate()
    {
        if (Address is { } prefix && prefix.Address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"--ipv6: {prefix} is not an IPv6 prefix";
        }
        if (Gateway is { } gateway && gateway.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"--ipv6-gateway: {gateway} is not an IPv6 address";
        }
        return null;
    }
}
