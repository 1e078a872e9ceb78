using System.Net;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Dhcp;

/// <summary>
/// What a DHCP server granted: the address and network, the gateway, the DNS servers, the lease's timers, and every
/// option of its DHCPACK (<see cref="Options"/>, upstream's lease).
/// </summary>
public sealed record DhcpLease(
    IpPrefix Address,
    IPAddress? Gateway,
    IReadOnlyList<IPAddress> DnsServers,
    IPAddress Server,
    TimeSpan Duration,
    TimeSpan Renewal,
    TimeSpan Rebinding,
    DhcpLeaseOptions Options);
