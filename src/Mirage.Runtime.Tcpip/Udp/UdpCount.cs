namespace Mirage.Runtime.Tcpip.Udp;

/// <summary>What the UDP layer counts.</summary>
public enum UdpCount
{
    /// <summary>Datagrams handed to a listener.</summary>
    Delivered,

    /// <summary>Bad length or checksum.</summary>
    Malformed,

    /// <summary>To a port nobody listens to.</summary>
    NoListener,

    /// <summary>Datagrams sent.</summary>
    Sent,

    /// <summary>Listeners that threw.</summary>
    HandlerFailed,

    /// <summary>ICMP port unreachable messages sent for datagrams to a closed port (rate-limited).</summary>
    PortUnreachableSent,
}
