namespace Mirage.Runtime.Network;

/// <summary>Which direction of a flow to shut down (upstream's <c>[`read | `write | `read_write]</c>).</summary>
public enum ShutdownMode
{
    /// <summary>Stop reading: further reads give end of stream.</summary>
    Read,

    /// <summary>Stop writing: the peer reads end of stream.</summary>
    Write,

    /// <summary>Both directions.</summary>
    ReadWrite,
}
