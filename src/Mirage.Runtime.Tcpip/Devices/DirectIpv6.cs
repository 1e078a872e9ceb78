using System.Net;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Ipv6;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>create_ipv6</c> device (upstream's <c>Ipv6.Make</c>): IPv6 with neighbour discovery.</summary>
public static class DirectIpv6
{
    /// <summary>
    /// IPv6 over <paramref name="ethernet"/> (on <paramref name="netif"/>, upstream's first argument): the link-local
    /// address, <paramref name="cidr"/> (<c>--ipv6</c>) if given, <paramref name="gateway"/> (<c>--ipv6-gateway</c>),
    /// router advertisements when <paramref name="acceptRouterAdvertisements"/>. With <paramref name="noInit"/>
    /// (<c>--ipv4-only</c>) the layer is not started and sends nothing.
    /// </summary>
    public static IIpLayer Connect(
        INetif netif, IEthernet ethernet, IpPrefix? cidr, IPAddress? gateway, bool acceptRouterAdvertisements, bool noInit)
    {
        _ = netif;
        if (noInit)
        {
            return Unstarted.Instance;
        }
        var config = new Ipv6Config(cidr, gateway, acceptRouterAdvertisements);
        ConfigurationCheck.ExitOn(config.Validate());
        var ip = Ipv6Layer.Connect(ethernet, TimeProvider.System, config);
        DeviceClock.Every("IPv6", ip.Tick);
        return ip;
    }

    /// <summary>An IPv6 layer left out by <c>--ipv4-only</c>: no address, every write unresolved.</summary>
    private sealed class Unstarted : IIpLayer
    {
        public static readonly Unstarted Instance = new();

        public IReadOnlyList<IpPrefix> ConfiguredAddresses => [];

        public int Mtu(IPAddress destination) => 0;

        public IPAddress Source(IPAddress destination) => IPAddress.IPv6Any;

        public void Listen(byte protocol, IpHandler handler)
        {
        }

        public NetifError? Write<TState>(
            IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null) =>
            NetifError.Unresolved;
    }
}
