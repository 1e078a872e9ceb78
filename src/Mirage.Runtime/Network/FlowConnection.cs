namespace Mirage.Runtime.Network;

/// <summary>A connected flow, or why none could be made (a host that does not resolve, nobody answering...).</summary>
public readonly record struct FlowConnection(ITcpFlow? Flow, string? Error)
{
    /// <summary>A connected flow.</summary>
    public static FlowConnection Connected(ITcpFlow flow) => new(flow, null);

    /// <summary>No flow, and why.</summary>
    public static FlowConnection Failed(string error) => new(null, error);
}

/// <summary>Connects to <paramref name="host"/> (a host name or an IP literal) on <paramref name="port"/>.</summary>
public delegate ValueTask<FlowConnection> ConnectHost(string host, int port, CancellationToken cancellationToken);
