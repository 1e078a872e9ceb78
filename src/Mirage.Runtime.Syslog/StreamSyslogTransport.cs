using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Streams;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Syslog;

/// <summary>What a TLS syslog client presents and trusts: the collector's name, the roots, an optional client certificate.</summary>
public sealed record SyslogTls(string ServerName, TlsTrust Trust, X509Certificate2? ClientCertificate = null);

/// <summary>
/// Syslog over a TCP connection (RFC 6587) or TLS on one (RFC 5425), on any stack, each message
/// octet-counted. The collector never speaks, so reading tells when it has gone.
/// </summary>
public sealed class StreamSyslogTransport(ITcp tcp, IPEndPoint collector, SyslogTls? tls = null, TimeSpan? connectTimeout = null) : ISyslogTransport
{
    /// <inheritdoc />
    public string Describe => $"{(tls is null ? "tcp" : "tls")}://{collector}";

    /// <inheritdoc />
    public async ValueTask<SyslogConnectResult> ConnectAsync(CancellationToken cancellationToken)
    {
        var connected = await tcp.CreateConnectionAsync(collector, timeout: connectTimeout ?? TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (connected.Flow is not { } flow)
        {
            return SyslogConnectResult.Fail($"cannot connect: {connected.Error}");
        }
        var stream = (Stream)new FlowStream(flow);
        if (tls is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = tls.ServerName,
                ClientCertificates = tls.ClientCertificate is { } c ? [c] : null,
            };
            tls.Trust.ApplyTo(options);
            try
            {
                await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                // A certificate that does not verify will not verify next time either.
                return SyslogConnectResult.Fail($"TLS handshake failed: {e.Message}", permanent: e is AuthenticationException);
            }
            stream = ssl;
        }
        return SyslogConnectResult.Ok(new Connection(stream));
    }

    private sealed class Connection : ISyslogConnection
    {
        private readonly Stream _stream;

        public Connection(Stream stream)
        {
            _stream = stream;
            Closed = WatchAsync(stream);
        }

        public Task Closed { get; }

        public async ValueTask<string?> SendAsync(byte[] message, CancellationToken cancellationToken)
        {
            try
            {
                await _stream.WriteAsync(OctetCounting.Frame(message), cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                return $"write failed: {e.Message}";
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        // Reads (and ignores) whatever the collector sends until it closes or resets the connection.
        private static async Task WatchAsync(Stream stream)
        {
            var buffer = new byte[256];
            try
            {
                while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
            {
                // Closed one way or another.
            }
        }
    }
}
