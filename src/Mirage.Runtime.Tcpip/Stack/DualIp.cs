using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// IPv4 and IPv6 as one IP layer (upstream's <c>Tcpip_stack_direct.IPV4V6</c>): a write goes to the family of its
/// destination; either family may be absent (<c>--ipv4-only</c>, <c>--ipv6-only</c>).
/// </summary>
public sealed class DualIp(IIpLayer? ipv4, IIpLayer? ipv6) : IIpLayer
{
    /// <summary>The IPv4 layer, if enabled.</summary>
    public IIpLayer? V4 => ipv4;

    /// <summary>The IPv6 layer, if enabled.</summary>
    public IIpLayer? V6 => ipv6;

    /// <inheritdoc />
    public IReadOnlyList<IpPrefix> ConfiguredAddresses =>
        [.. ipv4?.ConfiguredAddresses ?? [], .. ipv6?.ConfiguredAddresses ?? []];

    /// <inheritdoc />
    public int Mtu(IPAddress destination) => For(destination)?.Mtu(destination) ?? 0;

    /// <inheritdoc />
    public IPAddress Source(IPAddress destination) =>
        For(destination)?.Source(destination) ?? (destination.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any);

    /// <inheritdoc />
    public void Listen(byte protocol, IpHandler handler)
    {
        ipv4?.Listen(protocol, handler);
        ipv6?.Listen(protocol, handler);
    }

    /// <inheritdoc />
    public NetifError? Write<TState>(IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null) =>
        For(destination) is { } ip ? ip.Write(source, destination, protocol, payloadSize, state, fill, hopLimit) : NetifError.Unresolved;

    private IIpLayer? For(IPAddress destination) =>
        destination.IsIPv4MappedToIPv6 ? ipv4
        : destination.AddressFamily == AddressFamily.InterNetwork ? ipv4
        : ipv6;
}
