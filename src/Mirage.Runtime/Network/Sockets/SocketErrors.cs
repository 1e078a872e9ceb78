using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>Maps the host's socket errors onto the stack's result types.</summary>
internal static class SocketErrors
{
    public static TcpError ToTcpError(SocketError error) => error switch
    {
        SocketError.TimedOut => TcpError.Timeout,
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressFamilyNotSupported
            or SocketError.AddressNotAvailable => TcpError.Unreachable,
        _ => TcpError.Refused,
    };

    public static TcpWriteError ToWriteError(SocketError error) => error switch
    {
        SocketError.TimedOut => TcpWriteError.Timeout,
        SocketError.ConnectionReset or SocketError.ConnectionAborted => TcpWriteError.Refused,
        _ => TcpWriteError.Closed,
    };

    public static ListenError ToListenError(SocketError error) => error switch
    {
        SocketError.AccessDenied => ListenError.AccessDenied,
        SocketError.AddressNotAvailable => ListenError.AddressNotAvailable,
        _ => ListenError.AddressInUse,
    };

    public static string Describe(ListenError error) => error switch
    {
        ListenError.AddressInUse => "address already in use",
        ListenError.AccessDenied => "permission denied",
        ListenError.AddressNotAvailable => "address not available on this host",
        _ => error.ToString(),
    };
}
