using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>The IP layer of the socket stack: the configured networks, and the host's routing for the rest.</summary>
public sealed class SocketIp : IIp
{
    private const int EthernetMtu = 1500;
    private readonly SocketStackOptions _options;

    private SocketIp(SocketStackOptions options)
    {
        _options = options;
        var addresses = new List<IpPrefix>(2);
        if (!options.Ipv6Only)
        {
            addresses.Add(options.Ipv4);
        }
        if (!options.Ipv4Only && options.Ipv6 is { } v6)
        {
            addresses.Add(v6);
        }
        ConfiguredAddresses = addresses;
    }

    /// <summary>The IP view of a socket stack with <paramref name="options"/>.</summary>
    public static SocketIp Connect(SocketStackOptions options) => new(options);

    /// <inheritdoc />
    public IReadOnlyList<IpPrefix> ConfiguredAddresses { get; }

    /// <inheritdoc />
    /// <remarks>An Ethernet MTU less the IP header, as upstream's socket stack reports.</remarks>
    public int Mtu(IPAddress destination) =>
        EthernetMtu - (destination.AddressFamily == AddressFamily.InterNetwork ? 20 : 40);

    /// <inheritdoc />
    /// <remarks>A configured specific address, else the address the host's routing table picks.</remarks>
    public IPAddress Source(IPAddress destination)
    {
        var configured = destination.AddressFamily == AddressFamily.InterNetwork ? _options.Ipv4.Address : _options.Ipv6?.Address;
        if (configured is not null && !configured.Equals(IPAddress.Any) && !configured.Equals(IPAddress.IPv6Any))
        {
            return configured;
        }
        // Connecting a datagram socket sends nothing; it only asks the kernel for a route.
        using var probe = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Connect(new IPEndPoint(destination, 9));
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return destination.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        }
    }
}
