namespace Mirage.Runtime.Tcpip.Ipv4;

/// <summary>What the IPv4 layer counts.</summary>
public enum Ipv4Count
{
    /// <summary>Packets handed to a transport.</summary>
    Delivered,

    /// <summary>Bad version, lengths or checksum.</summary>
    Malformed,

    /// <summary>Addressed to someone else.</summary>
    NotForUs,

    /// <summary>A protocol nobody listens to (answered with a protocol unreachable).</summary>
    UnknownProtocol,

    /// <summary>Fragments received.</summary>
    Fragments,

    /// <summary>Datagrams rebuilt from fragments.</summary>
    Reassembled,

    /// <summary>Fragments dropped: overlapping, invalid or evicting.</summary>
    FragmentsDropped,

    /// <summary>Echo requests answered.</summary>
    EchoReplies,

    /// <summary>ICMP messages that were malformed.</summary>
    IcmpMalformed,

    /// <summary>Packets sent, fragments counted once each.</summary>
    Sent,

    /// <summary>Packets not sent: no route, or too large with nothing to fragment by.</summary>
    SendFailed,
}
