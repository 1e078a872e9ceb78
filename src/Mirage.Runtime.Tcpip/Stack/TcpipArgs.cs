using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// The runtime arguments of the direct stack that <see cref="Network.NetworkArgs"/> does not already have
/// (upstream's <c>Mirage_runtime_network</c>): gateways, router advertisements, DHCP, the interface's name.
/// </summary>
public static class TcpipArgs
{
    /// <summary><c>--ipv4-gateway=ADDRESS</c>: upstream's default 10.0.0.1.</summary>
    public static ArgSpec<IPAddress?> Ipv4Gateway(string? @default = "10.0.0.1", string group = "") =>
        Address(Name(group, "ipv4-gateway"), @default, AddressFamily.InterNetwork, "The IPv4 gateway of the unikernel.");

    /// <summary><c>--ipv6-gateway=ADDRESS</c>: none by default.</summary>
    public static ArgSpec<IPAddress?> Ipv6Gateway(string group = "") =>
        Address(Name(group, "ipv6-gateway"), null, AddressFamily.InterNetworkV6, "The IPv6 gateway of the unikernel.");

    /// <summary><c>--accept-router-advertisements</c>: let IPv6 router advertisements configure addresses and routes.</summary>
    public static ArgSpec<bool> AcceptRouterAdvertisements(string group = "") =>
        Arg.Bool(Name(group, "accept-router-advertisements"), false, "Accept IPv6 router advertisements (SLAAC).");

    /// <summary><c>--dhcp</c>: take the IPv4 address from DHCP.</summary>
    public static ArgSpec<bool> Dhcp(string group = "") =>
        Arg.Bool(Name(group, "dhcp"), false, "Take the IPv4 configuration from a DHCP server.");

    /// <summary><c>--interface=NAME</c> (upstream's <c>netif</c> argument): tap0 by default.</summary>
    public static ArgSpec<string> Interface(string @default = "tap0", string name = "interface") =>
        Arg.Custom(
            [name],
            @default,
            "The name of the network interface (a TAP device, or a host interface for a raw socket).",
            "NAME",
            (string text, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? error) =>
            {
                value = text;
                error = text.Length is > 0 and < 16 && !text.Contains('/') ? null : "expected an interface name of 1 to 15 characters";
                return error is null;
            },
            static value => value);

    private static ArgSpec<IPAddress?> Address(string name, string? @default, AddressFamily family, string doc) =>
        Arg.Custom<IPAddress?>(
            [name],
            @default is null ? null : IPAddress.Parse(@default),
            doc,
            "ADDRESS",
            (string text, out IPAddress? value, [NotNullWhen(false)] out string? error) =>
            {
                if (IPAddress.TryParse(text, out var address) && address.AddressFamily == family)
                {
                    value = address;
                    error = null;
                    return true;
                }
                value = null;
                error = family == AddressFamily.InterNetwork ? "expected an IPv4 address such as 10.0.0.1" : "expected an IPv6 address such as fd00::1";
                return false;
            },
            static value => value?.ToString() ?? "none");

    private static string Name(string group, string name) => group.Length == 0 ? name : $"{group}-{name}";
}
