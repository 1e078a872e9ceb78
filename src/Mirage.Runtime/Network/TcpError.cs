namespace Mirage.Runtime.Network;

/// <summary>Why a TCP connection could not be made or went away (upstream's <c>Tcp.error</c>).</summary>
public enum TcpError
{
    /// <summary>The peer did not answer in time.</summary>
    Timeout,

    /// <summary>The peer refused the connection, or reset it.</summary>
    Refused,

    /// <summary>No route to the peer, or its address family is switched off (not in upstream's type).</summary>
    Unreachable,
}

/// <summary>Why a write on a flow failed (upstream's <c>Tcp.write_error</c>).</summary>
public enum TcpWriteError
{
    /// <summary>The flow was closed, or shut down for writing.</summary>
    Closed,

    /// <summary>The peer stopped acknowledging.</summary>
    Timeout,

    /// <summary>The peer reset the connection.</summary>
    Refused,
}

/// <summary>Why a port could not be listened on.</summary>
public enum ListenError
{
    /// <summary>Another listener (of this process or another) holds the port.</summary>
    AddressInUse,

    /// <summary>The port needs privileges this process lacks.</summary>
    AccessDenied,

    /// <summary>The configured address is not one of this host's.</summary>
    AddressNotAvailable,
}
