using Mirage.Devices.Contract;

// The phantom types of our own stack's layers: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of network interfaces (upstream's <c>network</c>).</summary>
    public sealed class Network
    {
        private Network() { }
    }

    /// <summary>The module type of Ethernet layers (upstream's <c>ethernet</c>).</summary>
    public sealed class Ethernet
    {
        private Ethernet() { }
    }

    /// <summary>The module type of ARP layers (upstream's <c>arpv4</c>).</summary>
    public sealed class Arpv4
    {
        private Arpv4() { }
    }

    /// <summary>The module type of IPv4 layers (upstream's <c>ipv4</c>).</summary>
    public sealed class Ipv4
    {
        private Ipv4() { }
    }

    /// <summary>The module type of IPv6 layers (upstream's <c>ipv6</c>).</summary>
    public sealed class Ipv6
    {
        private Ipv6() { }
    }

    /// <summary>The module type of IP layers over both families (upstream's <c>ipv4v6</c>).</summary>
    public sealed class Ipv4V6
    {
        private Ipv4V6() { }
    }

    /// <summary>The module type of IPv4 configured by DHCP, with its interface and lease (upstream's <c>dhcp_ipv4</c>).</summary>
    public sealed class DhcpIpv4
    {
        private DhcpIpv4() { }
    }

    /// <summary>The module type of DHCP leases' options (upstream's <c>lease</c>).</summary>
    public sealed class Lease
    {
        private Lease() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>A network interface: <c>Mirage.Runtime.Network.INetif</c> (upstream's <c>network</c>).</summary>
        public static readonly Typ<Network> Network = new("network", RuntimeName.Of(nameof(Mirage.Runtime.Network.INetif)));

        /// <summary>An Ethernet layer: <c>Mirage.Runtime.Network.IEthernet</c> (upstream's <c>ethernet</c>).</summary>
        public static readonly Typ<Ethernet> Ethernet = new("ethernet", RuntimeName.Of(nameof(Mirage.Runtime.Network.IEthernet)));

        /// <summary>An ARP layer: <c>Mirage.Runtime.Network.IArp</c> (upstream's <c>arpv4</c>).</summary>
        public static readonly Typ<Arpv4> Arpv4 = new("arpv4", RuntimeName.Of(nameof(Mirage.Runtime.Network.IArp)));

        /// <summary>An IPv4 layer: <c>Mirage.Runtime.Network.IIpLayer</c> (upstream's <c>ipv4</c>).</summary>
        public static readonly Typ<Ipv4> Ipv4 = new("ipv4", RuntimeName.Of(nameof(Mirage.Runtime.Network.IIpLayer)));

        /// <summary>An IPv6 layer: <c>Mirage.Runtime.Network.IIpLayer</c> (upstream's <c>ipv6</c>).</summary>
        public static readonly Typ<Ipv6> Ipv6 = new("ipv6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IIpLayer)));

        /// <summary>IPv4 and IPv6 as one layer: <c>Mirage.Runtime.Network.IIpLayer</c> (upstream's <c>ipv4v6</c>).</summary>
        public static readonly Typ<Ipv4V6> Ipv4V6 = new("ipv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IIpLayer)));

        /// <summary>IPv4 configured by DHCP: <c>Mirage.Runtime.Tcpip.Dhcp.IDhcpIpv4</c> (upstream's <c>dhcp_ipv4</c>).</summary>
        public static readonly Typ<DhcpIpv4> DhcpIpv4 = new("dhcp_ipv4", RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Dhcp.IDhcpIpv4)));

        /// <summary>A DHCP lease's options: <c>Mirage.Runtime.Network.DhcpLeaseOptions</c> (upstream's <c>lease</c>).</summary>
        public static readonly Typ<Lease> Lease = new("lease", RuntimeName.Of(nameof(Mirage.Runtime.Network.DhcpLeaseOptions)));
    }
}
