using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>
/// The <c>direct_stackv4v6</c> device (upstream's <c>Tcpip_stack_direct.MakeV4V6</c>): our stack assembled from its
/// layers, each connected by its own device (the interface's receive loop is started by <see cref="Ethif"/>, the
/// timers by each layer's device).
/// </summary>
public static class DirectStackV4V6
{
    /// <summary>The stack of <paramref name="ip"/>, <paramref name="udp"/> and <paramref name="tcp"/> on <paramref name="netif"/>.</summary>
    public static IStackV4V6 Connect(INetif netif, IEthernet ethernet, IArp arp, IIpLayer ip, IUdp udp, ITcp tcp) =>
        new Layers(netif, ip, udp, tcp);

    private sealed class Layers(INetif netif, IIp ip, IUdp udp, ITcp tcp) : IStackV4V6
    {
        public ITcp Tcp => tcp;

        public IUdp Udp => udp;

        public IIp Ip => ip;

        /// <summary>Stops TCP, UDP, then the interface (which ends its receive loop).</summary>
        public async ValueTask DisconnectAsync()
        {
            await tcp.DisconnectAsync().ConfigureAwait(false);
            await udp.DisconnectAsync().ConfigureAwait(false);
            await netif.DisconnectAsync().ConfigureAwait(false);
        }
    }
}
