using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Tcp;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>direct_tcp</c> device (upstream's <c>Tcp.Flow.Make</c>): TCP over any IP layer.</summary>
public static class DirectTcp
{
    /// <summary>TCP on <paramref name="ip"/>; it implements <see cref="ITcp"/>, as the socket stack's TCP does.</summary>
    public static ITcp Connect(IIpLayer ip) => TcpLayer.Connect(ip);
}
