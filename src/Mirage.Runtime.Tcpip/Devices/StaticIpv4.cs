using System.Net;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Ipv4;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>create_ipv4</c> device (upstream's <c>Static_ipv4.Make</c>): IPv4 with a static address.</summary>
public static class StaticIpv4
{
    /// <summary>
    /// IPv4 at <paramref name="cidr"/> (<c>--ipv4</c>) through <paramref name="gateway"/> (<c>--ipv4-gateway</c>) over
    /// <paramref name="ethernet"/> and <paramref name="arp"/>; with <paramref name="noInit"/> (<c>--ipv6-only</c>) it
    /// takes no address. A gateway outside the network ends the unikernel with exit code 64, naming the argument.
    /// </summary>
    public static IIpLayer Connect(IEthernet ethernet, IArp arp, IpPrefix cidr, IPAddress? gateway, bool noInit)
    {
        var config = noInit ? Ipv4Config.Unconfigured : new Ipv4Config(cidr, gateway);
        ConfigurationCheck.ExitOn(config.Validate());
        var ip = Ipv4Layer.Connect(ethernet, arp, TimeProvider.System, config);
        DeviceClock.Every("IPv4", ip.Tick);
        return ip;
    }
}
