using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Arp;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>arp</c> device (upstream's <c>Arp.Make</c>): ARP over any Ethernet layer.</summary>
public static class Arpv4
{
    /// <summary>ARP on <paramref name="ethernet"/>, its cache's timers on the system clock.</summary>
    public static IArp Connect(IEthernet ethernet)
    {
        var arp = ArpLayer.Connect(ethernet, TimeProvider.System);
        DeviceClock.Every("ARP", arp.Tick);
        return arp;
    }
}
