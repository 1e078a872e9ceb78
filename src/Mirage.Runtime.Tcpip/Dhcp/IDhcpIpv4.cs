using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Dhcp;

/// <summary>
/// What <c>ipv4_of_dhcp</c> connects (upstream's <c>dhcp_ipv4</c>, charrua's <c>Dhcp_ipv4.S</c>): the network
/// interface, IPv4 configured by the DHCP lease, and the lease's options; the projections <c>dhcp_proj_net</c>,
/// <c>dhcp_proj_ipv4</c> and <c>dhcp_proj_lease</c> take each out.
/// </summary>
public interface IDhcpIpv4
{
    /// <summary>
    /// The network interface. Upstream's is the one given with the DHCP messages filtered out; ours is the one
    /// given, as our client takes its messages out above IPv4, before UDP.
    /// </summary>
    INetif Net { get; }

    /// <summary>IPv4 whose address, netmask and gateway come from the lease (renewed at T1, rebound at T2).</summary>
    IIpLayer Ipv4 { get; }

    /// <summary>The options of the first lease (upstream's <c>lease</c>); <see cref="DhcpLeaseOptions.None"/> with <c>--ipv6-only</c>.</summary>
    DhcpLeaseOptions Lease { get; }
}
