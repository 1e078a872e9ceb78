using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Ipv4;

/// <summary>
/// The address of an IPv4 layer and its gateway (upstream's <c>ipv4_config</c>): the defaults are
/// upstream's, 10.0.0.2/24 through 10.0.0.1.
/// </summary>
public sealed record Ipv4Config(IpPrefix Address, IPAddress? Gateway)
{
    /// <summary>10.0.0.2/24, gateway 10.0.0.1.</summary>
    public static readonly Ipv4Config Default = new(IpPrefix.Parse("10.0.0.2/24"), IPAddress.Parse("10.0.0.1"));

    /// <summary>No address yet (before DHCP).</summary>
    public static readonly Ipv4Config Unconfigured = new(IpPrefix.AnyV4, null);

    /// <summary>A problem with the configuration, naming the argument, or null when it is usable.</summary>
    public string? Validate()
    {
        if (Address.Address.AddressFamily != AddressFamily.InterNetwork)
        {
            return $"--ipv4: {Address} is not an IPv4 prefix";
        }
        if (Gateway is { } gateway)
        {
            if (gateway.AddressFamily != AddressFamily.InterNetwork)
            {
                return $"--ipv4-gateway: {gateway} is not an IPv4 address";
            }
            if (!Address.IsUnspecified && !Address.Contains(gateway))
            {
                return $"--ipv4-gateway: {gateway} is outside the network {Address.Network}";
            }
        }
        return null;
    }
}
