namespace Mirage.Runtime.Syslog;

/// <summary>The outcome of opening a syslog connection: one, or why not, and whether trying again can help.</summary>
public readonly record struct SyslogConnectResult(ISyslogConnection? Connection, string? Error, bool Permanent = false)
{
    /// <summary>A connection.</summary>
    public static SyslogConnectResult Ok(ISyslogConnection connection) => new(connection, null);

    /// <summary>No connection: <paramref name="error"/> says why; <paramref name="permanent"/> when the collector is refused (a certificate that does not verify).</summary>
    public static SyslogConnectResult Fail(string error, bool permanent = false) => new(null, error, permanent);
}

/// <summary>How messages reach a collector (UDP datagrams, a TCP or TLS stream): the I/O edge of a syslog reporter.</summary>
public interface ISyslogTransport
{
    /// <summary>Where the messages go, for fault messages: <c>udp://192.0.2.1:514</c>.</summary>
    string Describe { get; }

    /// <summary>Opens a connection (for UDP, at once).</summary>
    ValueTask<SyslogConnectResult> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary>One open connection to a collector.</summary>
public interface ISyslogConnection : IAsyncDisposable
{
    /// <summary>
    /// Sends one message, framed as the transport needs. Null on success, else why it failed: the
    /// connection is then dropped and the message sent again on the next one.
    /// </summary>
    ValueTask<string?> SendAsync(byte[] message, CancellationToken cancellationToken);

    /// <summary>Completes when the collector closes or resets the connection (never, for UDP).</summary>
    Task Closed { get; }
}
