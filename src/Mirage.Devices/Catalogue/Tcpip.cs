using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

// Our own stack's layers, one device each as upstream's lib/devices (network.ml, ethernet.ml, arp.ml, ip.ml,
// udp.ml): each connects through its class in Mirage.Runtime.Tcpip.Devices, generic over the layer below.
public static partial class Catalogue
{
    /// <summary>What every device of our own stack adds to the generated project: its runtime library.</summary>
    private static readonly IReadOnlyList<Package> TcpipPackages = [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip)))];

    private static RuntimeArg TcpipArg(string group, string name, string doc, string type, string spec) =>
        new(GroupName(group, name), doc, type, spec);

    private static RuntimeArg Ipv4OnlyArg(string group) =>
        TcpipArg(group, "ipv4-only", "Only use IPv4.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4Only))}({CSharpLiteral.String(group)})");

    private static RuntimeArg Ipv6OnlyArg(string group) =>
        TcpipArg(group, "ipv6-only", "Only use IPv6.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6Only))}({CSharpLiteral.String(group)})");

    private static string Connect(string method, ConnectContext context, params RuntimeArg[] arguments) =>
        $"{method}({string.Join(", ", context.Arguments.Concat(arguments.Select(a => context.RuntimeArguments[a.Name])))})";

    /// <summary>A layer over the one below, <paramref name="below"/>, connected by <paramref name="method"/>(below).</summary>
    private static Impl<TLayer> OneLayer<TBelow, TLayer>(string moduleName, Typ<TBelow> from, Typ<TLayer> to, string method, Impl<TBelow> below) =>
        Declare.Apply(Declare.Device(moduleName, from.To(to), packages: TcpipPackages, connect: context => Connect(method, context)), below);

    /// <summary>
    /// The host network interface <paramref name="name"/> (upstream's <c>netif ?group name</c>): a TAP device, named
    /// at run time by <c>--interface</c> (<c>--GROUP-interface</c>), <paramref name="name"/> by default. Every call
    /// makes a new device.
    /// </summary>
    public static Impl<Network> Netif(string name, string group = "")
    {
        var @interface = TcpipArg(
            group,
            "interface",
            "The name of the network interface (a TAP device).",
            "string",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Interface))}({CSharpLiteral.String(name)}, {CSharpLiteral.String(GroupName(group, "interface"))})");
        return Declare.Device(
            "TapNetif",
            ModuleTypes.Network,
            packages: TcpipPackages,
            runtimeArgs: [@interface],
            connect: context => Connect(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.TapNetif.Connect)), context, @interface));
    }

    /// <summary>The default network interface (upstream's <c>default_network</c>): on unix and aot, <c>netif "tap0"</c>.</summary>
    public static Impl<Network> DefaultNetwork() => Netif("tap0");

    /// <summary>Ethernet over <paramref name="network"/> (upstream's <c>ethif</c>). Every call makes a new device.</summary>
    public static Impl<Ethernet> Ethif(Impl<Network> network) => OneLayer("Ethif", ModuleTypes.Network, ModuleTypes.Ethernet, RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.Ethif.Connect)), network);

    /// <summary>ARP over <paramref name="ethernet"/> (upstream's <c>arp</c>). Every call makes a new device.</summary>
    public static Impl<Arpv4> Arp(Impl<Ethernet> ethernet) => OneLayer("Arpv4", ModuleTypes.Ethernet, ModuleTypes.Arpv4, RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.Arpv4.Connect)), ethernet);

    /// <summary>
    /// IPv4 with a static address over <paramref name="ethernet"/> and <paramref name="arp"/> (upstream's
    /// <c>create_ipv4 ?group</c>), with the runtime arguments <c>--ipv4</c> (10.0.0.2/24), <c>--ipv4-gateway</c>
    /// (10.0.0.1) and <c>--ipv6-only</c> (no address), prefixed by <paramref name="group"/> when given.
    /// Every call makes a new device.
    /// </summary>
    public static Impl<Ipv4> CreateIpv4(Impl<Ethernet> ethernet, Impl<Arpv4> arp, string group = "")
    {
        var g = CSharpLiteral.String(group);
        var ipv4 = TcpipArg(group, "ipv4", "The unikernel's IPv4 address and network.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)),
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4))}(\"10.0.0.2/24\", {g})");
        var gateway = TcpipArg(group, "ipv4-gateway", "The unikernel's IPv4 gateway.", "System.Net.IPAddress?",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Ipv4Gateway))}(\"10.0.0.1\", {g})");
        var noInit = Ipv6OnlyArg(group);
        var device = Declare.Device(
            "StaticIpv4",
            ModuleTypes.Ethernet.To(ModuleTypes.Arpv4.To(ModuleTypes.Ipv4)),
            packages: TcpipPackages,
            runtimeArgs: [ipv4, gateway, noInit],
            connect: context => Connect(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.StaticIpv4.Connect)), context, ipv4, gateway, noInit));
        return Declare.Apply(Declare.Apply(device, ethernet), arp);
    }

    /// <summary>
    /// IPv6 over <paramref name="ethernet"/> on <paramref name="network"/> (upstream's <c>create_ipv6 ?group</c>),
    /// with the runtime arguments <c>--ipv6</c> (none: link-local only), <c>--ipv6-gateway</c> (none),
    /// <c>--accept-router-advertisements</c> and <c>--ipv4-only</c> (not started). Every call makes a new device.
    /// </summary>
    public static Impl<Ipv6> CreateIpv6(Impl<Network> network, Impl<Ethernet> ethernet, string group = "")
    {
        var g = CSharpLiteral.String(group);
        var ipv6 = TcpipArg(group, "ipv6", "The unikernel's IPv6 address and network.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)) + "?",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6))}(null, {g})");
        var gateway = TcpipArg(group, "ipv6-gateway", "The unikernel's IPv6 gateway.", "System.Net.IPAddress?",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Stack.TcpipArgs.Ipv6Gateway))}({g})");
        var acceptRa = TcpipArg(group, "accept-router-advertisements", "Accept IPv6 router advertisements (SLAAC).", "bool",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Stack.TcpipArgs.AcceptRouterAdvertisements))}({g})");
        var noInit = Ipv4OnlyArg(group);
        var device = Declare.Device(
            "DirectIpv6",
            ModuleTypes.Network.To(ModuleTypes.Ethernet.To(ModuleTypes.Ipv6)),
            packages: TcpipPackages,
            runtimeArgs: [ipv6, gateway, acceptRa, noInit],
            connect: context => Connect(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.DirectIpv6.Connect)), context, ipv6, gateway, acceptRa, noInit));
        return Declare.Apply(Declare.Apply(device, network), ethernet);
    }

    /// <summary>
    /// IPv4 and IPv6 as one IP layer (upstream's <c>create_ipv4v6 ?group</c>), with the runtime arguments
    /// <c>--ipv4-only</c> and <c>--ipv6-only</c>. Every call makes a new device.
    /// </summary>
    public static Impl<Ipv4V6> CreateIpv4V6(Impl<Ipv4> ipv4, Impl<Ipv6> ipv6, string group = "")
    {
        var ipv4Only = Ipv4OnlyArg(group);
        var ipv6Only = Ipv6OnlyArg(group);
        var device = Declare.Device(
            "Ipv4V6",
            ModuleTypes.Ipv4.To(ModuleTypes.Ipv6.To(ModuleTypes.Ipv4V6)),
            packages: TcpipPackages,
            runtimeArgs: [ipv4Only, ipv6Only],
            connect: context => Connect(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.Ipv4V6.Connect)), context, ipv4Only, ipv6Only));
        return Declare.Apply(Declare.Apply(device, ipv4), ipv6);
    }

    /// <summary>
    /// UDP over <paramref name="ip"/> (upstream's <c>direct_udp</c>), the <c>udpv4v6</c> that the socket stack's UDP
    /// also is. Every call makes a new device.
    /// </summary>
    public static Impl<UdpV4V6> DirectUdp(Impl<Ipv4V6> ip) => OneLayer("DirectUdp", ModuleTypes.Ipv4V6, ModuleTypes.UdpV4V6, RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.DirectUdp.Connect)), ip);

    /// <summary>
    /// TCP over <paramref name="ip"/> (upstream's <c>direct_tcp</c>), the <c>tcpv4v6</c> that the socket stack's TCP
    /// also is. Every call makes a new device.
    /// </summary>
    public static Impl<TcpV4V6> DirectTcp(Impl<Ipv4V6> ip) => OneLayer("DirectTcp", ModuleTypes.Ipv4V6, ModuleTypes.TcpV4V6, RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.DirectTcp.Connect)), ip);

    /// <summary>
    /// Our own dual stack on <paramref name="network"/> (upstream's <c>direct_stackv4v6 ?group</c>): IPv4 and IPv6
    /// joined by <see cref="CreateIpv4V6"/> (<c>--ipv4-only</c>, <c>--ipv6-only</c>), with <see cref="DirectUdp"/>
    /// and <see cref="DirectTcp"/> over them. Every call makes a new device.
    /// </summary>
    public static Impl<StackV4V6> DirectStackV4V6(
        Impl<Network> network, Impl<Ethernet> ethernet, Impl<Arpv4> arp, Impl<Ipv4> ipv4, Impl<Ipv6> ipv6, string group = "")
    {
        var ip = CreateIpv4V6(ipv4, ipv6, group);
        var device = Declare.Device(
            "DirectStack",
            ModuleTypes.Network.To(ModuleTypes.Ethernet.To(ModuleTypes.Arpv4.To(ModuleTypes.Ipv4V6.To(
                ModuleTypes.UdpV4V6.To(ModuleTypes.TcpV4V6.To(ModuleTypes.StackV4V6)))))),
            packages: TcpipPackages,
            connect: context => Connect(RuntimeName.Of(nameof(Mirage.Runtime.Tcpip.Devices.DirectStackV4V6.Connect)), context));
        return Declare.Apply(
            Declare.Apply(Declare.Apply(Declare.Apply(Declare.Apply(Declare.Apply(device, network), ethernet), arp), ip), DirectUdp(ip)),
            DirectTcp(ip));
    }
}
