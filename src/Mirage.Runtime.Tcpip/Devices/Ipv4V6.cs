using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Stack;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>create_ipv4v6</c> device (upstream's <c>Tcpip_stack_direct.IPV4V6</c>): IPv4 and IPv6 as one IP layer.</summary>
public static class Ipv4V6
{
    /// <summary>
    /// Writes go to the family of their destination; <paramref name="ipv4Only"/> (<c>--ipv4-only</c>) or
    /// <paramref name="ipv6Only"/> (<c>--ipv6-only</c>) leave the other family out. Both ends the unikernel with exit
    /// code 64.
    /// </summary>
    public static IIpLayer Connect(IIpLayer ipv4, IIpLayer ipv6, bool ipv4Only, bool ipv6Only)
    {
        ConfigurationCheck.ExitOn(ipv4Only && ipv6Only ? "--ipv4-only and --ipv6-only: at most one of them" : null);
        return new DualIp(ipv6Only ? null : ipv4, ipv4Only ? null : ipv6);
    }
}
