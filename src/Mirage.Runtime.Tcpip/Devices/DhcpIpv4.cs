using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Dhcp;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>
/// The <c>ipv4_of_dhcp</c> device (upstream's <c>Dhcp_ipv4.Make</c>): IPv4 configured by a DHCP lease, with the
/// interface and the lease beside it (<see cref="IDhcpIpv4"/>).
/// </summary>
public static class DhcpIpv4
{
    private static readonly LogSource Log = new("dhcp");

    /// <summary>How long to wait between the reminders that no lease came yet.</summary>
    private static readonly TimeSpan Reminder = TimeSpan.FromSeconds(10);

    /// <summary>
    /// IPv4 over <paramref name="ethernet"/> and <paramref name="arp"/> on <paramref name="netif"/> whose address,
    /// netmask and gateway come from a DHCP server, asking also for the option codes <paramref name="requests"/>
    /// (upstream's <c>?dhcp_requests</c>); returns once a lease is bound, as upstream's connect does (a reminder is
    /// logged every 10 s until then; the unikernel's stop ends the wait), and renews it at T1, rebinds at T2. With
    /// <paramref name="noInit"/> (<c>--ipv6-only</c>) it asks for no address and holds no lease.
    /// </summary>
    public static async Task<IDhcpIpv4> ConnectAsync(
        INetif netif, IEthernet ethernet, IArp arp, bool noInit, IReadOnlyList<byte>? requests, CancellationToken cancellationToken)
    {
        if (noInit)
        {
            return new Connected(netif, StaticIpv4.Connect(ethernet, arp, IpPrefix.AnyV4, null, noInit: true), DhcpLeaseOptions.None);
        }
        var ip = DhcpIpv4Layer.Connect(ethernet, arp, TimeProvider.System, requests: requests);
        DeviceClock.Every("DHCP", ip.Tick);
        ip.Start();
        while (true)
        {
            try
            {
                var lease = await ip.FirstLease.WaitAsync(Reminder, cancellationToken).ConfigureAwait(false);
                return new Connected(netif, ip, lease.Options);
            }
            catch (TimeoutException)
            {
                Log.Warning($"no DHCP lease yet on {ethernet.Mac}; still asking");
            }
        }
    }

    private sealed record Connected(INetif Net, IIpLayer Ipv4, DhcpLeaseOptions Lease) : IDhcpIpv4;
}
