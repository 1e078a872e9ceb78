using System.Net;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// Syslog over UDP (RFC 5426): one message per datagram, unframed, on any stack. Nothing tells a
/// sender that a datagram was lost, so only send errors the stack reports are seen.
/// </summary>
public sealed class UdpSyslogTransport(IUdp udp, IPEndPoint collector) : ISyslogTransport
{
    /// <inheritdoc />
    public string Describe => $"udp://{collector}";

    /// <inheritdoc />
    public ValueTask<SyslogConnectResult> ConnectAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(SyslogConnectResult.Ok(new Connection(udp, collector)));

    private sealed class Connection(IUdp udp, IPEndPoint collector) : ISyslogConnection
    {
        public Task Closed { get; } = new TaskCompletionSource().Task;

        public async ValueTask<string?> SendAsync(byte[] message, CancellationToken cancellationToken) =>
            await udp.WriteAsync(collector, message, cancellationToken: cancellationToken).ConfigureAwait(false) is { } error
                ? $"UDP write failed: {error}"
                : null;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
