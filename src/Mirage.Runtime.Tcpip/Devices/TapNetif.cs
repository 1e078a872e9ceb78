using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Netif;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>netif</c> device (upstream's <c>Netif</c> of mirage-net-unix): a host TAP interface.</summary>
public static class TapNetif
{
    /// <summary>
    /// Attaches to TAP interface <paramref name="interfaceName"/> (<c>--interface</c>). A missing interface or no
    /// permission for <c>/dev/net/tun</c> throws <see cref="NetifOpenException"/> naming both, which ends the
    /// unikernel with exit code 1.
    /// </summary>
    public static INetif Connect(string interfaceName) => LinuxNetifs.OpenTap(interfaceName);
}
