using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// Where a connection's segments and signals go: the I/O shell sends them over IP, a test records them. The
/// payload is lent as up to two spans (the send buffer is a ring), valid only during the call.
/// </summary>
public interface ITcpOutput
{
    /// <summary>Sends one segment.</summary>
    void Emit(in TcpTuple tuple, in TcpHeader header, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second);

    /// <summary>Tells the connection's owner what happened.</summary>
    void Signal(TcpConnection connection, TcpSignal signal);

    /// <summary>Notes that the segment about to be emitted is sent again (for the layer's counters).</summary>
    void Retransmitting()
    {
    }
}
