using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

// IPv4 by DHCP as upstream 4.10.5 shapes it (lib/devices/ip.ml): ipv4_of_dhcp makes a dhcp_ipv4, whose interface,
// IPv4 layer and lease the projections take out; dhcp_requests gathers the options the devices want.
public static partial class Catalogue
{
    /// <summary>An empty set of DHCP option codes to ask for (upstream's <c>make_dhcp_requests</c>).</summary>
    public static DhcpRequests MakeDhcpRequests() => new();

    /// <summary>Adds the option <paramref name="code"/> to <paramref name="requests"/> (upstream's <c>add_dhcp_request</c>).</summary>
    /// <exception cref="ArgumentException">A code outside 1–254, or one added too late.</exception>
    public static void AddDhcpRequest(DhcpRequests requests, int code)
    {
        ArgumentNullException.ThrowIfNull(requests);
        requests.Add(code);
    }

    /// <summary>
    /// IPv4 whose address, netmask and gateway come from a DHCP lease, over <paramref name="ethernet"/> and
    /// <paramref name="arp"/> on <paramref name="network"/> (upstream's <c>ipv4_of_dhcp ?group ?dhcp_requests</c>,
    /// charrua-client's <c>Dhcp_ipv4.Make</c>): a <c>dhcp_ipv4</c>, which <see cref="DhcpProjNet"/>,
    /// <see cref="DhcpProjIpv4"/> and <see cref="DhcpProjLease"/> take apart. It connects once a lease is bound and
    /// renews it; it asks for the options of <paramref name="dhcpRequests"/> too; with <c>--ipv6-only</c> (prefixed
    /// by <paramref name="group"/>) it asks for no address. Every call makes a new device.
    /// </summary>
    public static Impl<DhcpIpv4> Ipv4OfDhcp(
        Impl<Network> network, Impl<Ethernet> ethernet, Impl<Arpv4> arp, string group = "", DhcpRequests? dhcpRequests = null)
    {
        var noInit = Ipv6OnlyArg(group);
        var device = Declare.Device(
            "DhcpIpv4",
            ModuleTypes.Network.To(ModuleTypes.Ethernet.To(ModuleTypes.Arpv4.To(ModuleTypes.DhcpIpv4))),
            packages: TcpipPackages,
            runtimeArgs: [noInit],
            connect: context =>
                $"await {RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.DhcpIpv4.ConnectAsync))}("
                + $"{string.Join(", ", context.Arguments)}, {context.RuntimeArguments[noInit.Name]}, {RequestsLiteral(dhcpRequests)}, cancellationToken)");
        return Declare.Apply(Declare.Apply(Declare.Apply(device, network), ethernet), arp);
    }

    private static string RequestsLiteral(DhcpRequests? requests) =>
        requests?.Consume() is { Count: > 0 } codes ? $"new byte[] {{ {string.Join(", ", codes)} }}" : "null";

    /// <summary>The network interface of a <c>dhcp_ipv4</c> (upstream's <c>dhcp_proj_net</c>). Every call makes a new device.</summary>
    public static Impl<Fn<DhcpIpv4, Network>> DhcpProjNet() =>
        Projection("DhcpProjNet", ModuleTypes.Network, nameof(Mirage.Runtime.Tcpip.Dhcp.IDhcpIpv4.Net));

    /// <summary>The IPv4 layer of a <c>dhcp_ipv4</c> (upstream's <c>dhcp_proj_ipv4</c>). Every call makes a new device.</summary>
    public static Impl<Fn<DhcpIpv4, Ipv4>> DhcpProjIpv4() =>
        Projection("DhcpProjIpv4", ModuleTypes.Ipv4, nameof(Mirage.Runtime.Tcpip.Dhcp.IDhcpIpv4.Ipv4));

    /// <summary>The lease of a <c>dhcp_ipv4</c>, its options (upstream's <c>dhcp_proj_lease</c>). Every call makes a new device.</summary>
    public static Impl<Fn<DhcpIpv4, Lease>> DhcpProjLease() =>
        Projection("DhcpProjLease", ModuleTypes.Lease, nameof(Mirage.Runtime.Tcpip.Dhcp.IDhcpIpv4.Lease));

    private static Impl<Fn<DhcpIpv4, T>> Projection<T>(string moduleName, Typ<T> to, string member) => Declare.Device(
        moduleName,
        ModuleTypes.DhcpIpv4.To(to),
        packages: TcpipPackages,
        connect: context => $"{context.Arguments[0]}.{member}");

    /// <summary>No lease (upstream's <c>no_lease</c>): what the host's sockets and a static address hold. Every call makes a new device.</summary>
    public static Impl<Lease> NoLease() => Declare.Device(
        "NoLease",
        ModuleTypes.Lease,
        connect: _ => RuntimeName.Of(nameof(Mirage.Runtime.Network.DhcpLeaseOptions.None)));
}
