using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// The <c>net</c> configure key (upstream's <c>Key.net</c>): <c>socket</c> or <c>host</c> select
    /// the host's sockets. Upstream's other value, <c>direct</c> (<c>ocaml</c>), names our own stack,
    /// which has no TCP yet: a stack needs TCP, so it is refused with an error saying so and what a
    /// UDP-only unikernel can use instead (the direct devices, which do not read this key).
    /// </summary>
    public static Key NetKey(string group = "") => new(
        GroupName(group, "net"),
        $"Use socket|host networking for {GroupDoc(group)} (the direct userspace stack does not exist yet).",
        "socket|host",
        "socket",
        text => text switch
        {
            "socket" or "host" => (text, null),
            "direct" or "ocaml" => (null,
                $"'{text}' networking needs TCP in Mirage.NET's own stack, which does not exist yet; use socket (or host), "
                + "or, for UDP only, build the stack from netif, ethif, arp, create_ipv4, create_ipv6, create_ipv4v6 and direct_udp"),
            _ => (null, $"invalid value '{text}', expected socket or host"),
        },
        value => (string)value);

    /// <summary>The socket stack's runtime arguments, in connect order: ipv4, ipv6, ipv4-only, ipv6-only.</summary>
    public static IReadOnlyList<RuntimeArg> SocketStackArguments(string group = "")
    {
        var g = CSharpLiteral.String(group);
        return
        [
            new(GroupName(group, "ipv4"), "The network of the unikernel's IPv4 address.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)),
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4))}(\"0.0.0.0/0\", {g})"),
            new(GroupName(group, "ipv6"), "The network of the unikernel's IPv6 address.", RuntimeName.Of(nameof(Mirage.Runtime.Network.IpPrefix)) + "?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6))}(null, {g})"),
            new(GroupName(group, "ipv4-only"), "Only use IPv4.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv4Only))}({g})"),
            new(GroupName(group, "ipv6-only"), "Only use IPv6.", "bool", $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.NetworkArgs.Ipv6Only))}({g})"),
        ];
    }

    private static string SocketOptions(ConnectContext context, string group) =>
        $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketStackOptions.Create))}("
        + string.Join(", ", SocketStackArguments(group).Select(a => context.RuntimeArguments[a.Name]))
        + ")";

    /// <summary>UDP over the host's sockets (upstream's <c>socket_udpv4v6</c>). Every call makes a new device.</summary>
    public static Impl<UdpV4V6> SocketUdpV4V6(string group = "") => Declare.Device(
        "SocketUdp",
        ModuleTypes.UdpV4V6,
        runtimeArgs: SocketStackArguments(group),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketUdp.Connect))}({SocketOptions(context, group)})");

    /// <summary>TCP over the host's sockets (upstream's <c>socket_tcpv4v6</c>). Every call makes a new device.</summary>
    public static Impl<TcpV4V6> SocketTcpV4V6(string group = "") => Declare.Device(
        "SocketTcp",
        ModuleTypes.TcpV4V6,
        runtimeArgs: SocketStackArguments(group),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketTcp.Connect))}({SocketOptions(context, group)})");

    /// <summary>
    /// The dual stack over the host's sockets (upstream's <c>socket_stackv4v6</c>), with the runtime
    /// arguments <c>--ipv4</c>, <c>--ipv6</c>, <c>--ipv4-only</c>, <c>--ipv6-only</c> (prefixed by
    /// <paramref name="group"/> when given). Every call makes a new device.
    /// </summary>
    public static Impl<StackV4V6> SocketStackV4V6(string group = "") => SocketStack(group, keys: []);

    private static Impl<StackV4V6> SocketStack(string group, IReadOnlyList<Key> keys) => Declare.Device(
        "SocketStack",
        ModuleTypes.StackV4V6,
        keys: keys,
        runtimeArgs: SocketStackArguments(group),
        extraDeps: [SocketUdpV4V6(group), SocketTcpV4V6(group)],
        connect: context =>
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Sockets.SocketStack.Connect))}({context.ExtraDependencies[0]}, {context.ExtraDependencies[1]}, {SocketOptions(context, group)})");

    /// <summary>
    /// The stack the <c>net</c> key chooses (upstream's <c>generic_stackv4v6</c>): the host's sockets,
    /// the only stack there is so far, with <c>--net=direct</c> refused at configure time.
    /// </summary>
    public static Impl<StackV4V6> GenericStackV4V6(string group = "") => SocketStack(group, keys: [NetKey(group)]);

    /// <summary>The TCP layer of a stack (upstream's <c>tcpv4v6_of_stackv4v6</c>). Every call makes a new device.</summary>
    public static Impl<Fn<StackV4V6, TcpV4V6>> TcpV4V6OfStackV4V6() => Declare.Device(
        "TcpOfStack",
        ModuleTypes.StackV4V6.To(ModuleTypes.TcpV4V6),
        connect: context => $"{context.Arguments[0]}.{nameof(Mirage.Runtime.Network.IStackV4V6.Tcp)}");
}
