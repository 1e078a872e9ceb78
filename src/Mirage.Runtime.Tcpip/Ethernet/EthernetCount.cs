namespace Mirage.Runtime.Tcpip.Ethernet;

/// <summary>What the Ethernet layer counts.</summary>
public enum EthernetCount
{
    /// <summary>Frames handed up.</summary>
    Delivered,

    /// <summary>Shorter than a header.</summary>
    Malformed,

    /// <summary>Unicast to another address.</summary>
    NotForUs,

    /// <summary>A type nobody listens to.</summary>
    UnknownType,
}
