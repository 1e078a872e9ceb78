using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// What the socket stack binds: its IPv4 network (the address part is bound; <c>0.0.0.0/0</c> means
/// any), its optional IPv6 network (none: any IPv6 address), and whether one family is switched off.
/// </summary>
public sealed record SocketStackOptions(IpPrefix Ipv4, IpPrefix? Ipv6, bool Ipv4Only, bool Ipv6Only)
{
    /// <summary>The read buffer of each TCP flow by default (see bench/RESULTS.md, flow reads).</summary>
    public const int DefaultReadBufferSize = 16 * 1024;

    /// <summary>
    /// How many bytes each TCP flow asks the socket for at most per read (its pipe's buffer segment).
    /// Larger reads move bulk data with fewer calls; each connection with a read pending holds one.
    /// </summary>
    public int ReadBufferSize { get; init; } = DefaultReadBufferSize;

    /// <summary>Both families on any address.</summary>
    public static readonly SocketStackOptions Any = new(IpPrefix.AnyV4, null, false, false);

    /// <summary>The IPv4 address to bind, or null when IPv4 is off.</summary>
    public IPAddress? Ipv4Address => Ipv6Only ? null : Ipv4.Address;

    /// <summary>The IPv6 address to bind, or null when IPv6 is off or the host has none.</summary>
    public IPAddress? Ipv6Address =>
        Ipv4Only || !Socket.OSSupportsIPv6 ? null : Ipv6?.Address ?? IPAddress.IPv6Any;

    /// <summary>Whether a peer of <paramref name="family"/> can be reached.</summary>
    public bool Allows(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? !Ipv6Only : family == AddressFamily.InterNetworkV6 && !Ipv4Only;

    /// <summary>Checks that the options make sense: both "only" switches cannot be on.</summary>
    public static SocketStackOptions Create(IpPrefix ipv4, IpPrefix? ipv6, bool ipv4Only, bool ipv6Only)
    {
        if (ipv4Only && ipv6Only)
        {
            throw new ArgumentException("--ipv4-only and --ipv6-only cannot both be set");
        }
        return new SocketStackOptions(ipv4, ipv6, ipv4Only, ipv6Only);
    }
}
