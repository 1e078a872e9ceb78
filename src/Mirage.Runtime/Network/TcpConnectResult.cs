namespace Mirage.Runtime.Network;

/// <summary>The outcome of <see cref="ITcp.CreateConnectionAsync"/>: a flow, or why there is none.</summary>
public readonly struct TcpConnectResult
{
    private TcpConnectResult(ITcpFlow? flow, TcpError? error)
    {
        Flow = flow;
        Error = error;
    }

    /// <summary>The connected flow, when <see cref="Error"/> is null.</summary>
    public ITcpFlow? Flow { get; }

    /// <summary>Why the connection failed.</summary>
    public TcpError? Error { get; }

    /// <summary>A connected flow.</summary>
    public static TcpConnectResult Connected(ITcpFlow flow) => new(flow, null);

    /// <summary>A connection that could not be made.</summary>
    public static TcpConnectResult Failed(TcpError error) => new(null, error);
}
