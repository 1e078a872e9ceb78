namespace Mirage.Runtime.Network;

/// <summary>
/// A dual IPv4/IPv6 network stack (upstream's <c>Tcpip.Stack.V4V6</c>): its TCP, UDP and IP layers.
/// The socket stack implements it over the host's sockets; a userspace stack implements it over a
/// network device.
/// </summary>
public interface IStackV4V6
{
    /// <summary>TCP.</summary>
    ITcp Tcp { get; }

    /// <summary>UDP.</summary>
    IUdp Udp { get; }

    /// <summary>The IP layer.</summary>
    IIp Ip { get; }

    /// <summary>Stops the stack: listeners, flows, everything.</summary>
    ValueTask DisconnectAsync();
}
