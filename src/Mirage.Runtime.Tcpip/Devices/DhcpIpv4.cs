using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Dhcp;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>ipv4_of_dhcp</c> device (upstream's <c>Dhcp_ipv4.Make</c>): IPv4 configured by a DHCP lease.</summary>
public static class DhcpIpv4
{
    private static readonly LogSource Log = new("dhcp");

    /// <summary>How long to wait between the reminders that no lease came yet.</summary>
    private static readonly TimeSpan Reminder = TimeSpan.FromSeconds(10);

    /// <summary>
    /// IPv4 over <paramref name="ethernet"/> and <paramref name="arp"/> (on <paramref name="netif"/>, upstream's first
    /// argument) whose address, netmask and gateway come from a DHCP server; returns once a lease is bound, as
    /// upstream's connect does (a reminder is logged every 10 s until then; the unikernel's stop ends the wait), and
    /// renews it at T1, rebinds at T2. With <paramref name="noInit"/> (<c>--ipv6-only</c>) it asks for no address.
    /// </summary>
    public static async Task<IIpLayer> ConnectAsync(INetif netif, IEthernet ethernet, IArp arp, bool noInit, CancellationToken cancellationToken)
    {
        _ = netif;
        if (noInit)
        {
            return StaticIpv4.Connect(ethernet, arp, IpPrefix.AnyV4, null, noInit: true);
        }
        var ip = DhcpIpv4Layer.Connect(ethernet, arp, TimeProvider.System);
        DeviceClock.Every("DHCP", ip.Tick);
        ip.Start();
        while (true)
        {
            try
            {
                await ip.FirstLease.WaitAsync(Reminder, cancellationToken).ConfigureAwait(false);
                return ip;
            }
            catch (TimeoutException)
            {
                Log.Warning($"no DHCP lease yet on {ethernet.Mac}; still asking");
            }
        }
    }
}
