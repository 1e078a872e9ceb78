using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Udp;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>direct_udp</c> device (upstream's <c>Udp.Make</c>): UDP over any IP layer.</summary>
public static class DirectUdp
{
    /// <summary>UDP on <paramref name="ip"/>; it implements <see cref="IUdp"/>, as the socket stack's UDP does.</summary>
    public static IUdp Connect(IIpLayer ip) => UdpLayer.Connect(ip);
}
