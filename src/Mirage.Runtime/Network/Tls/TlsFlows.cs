using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

using Mirage.Runtime.Network.Streams;

namespace Mirage.Runtime.Network.Tls;

/// <summary>The outcome of a TLS handshake: a secured flow, or why there is none.</summary>
public readonly record struct TlsResult(TlsFlow? Flow, string? Error)
{
    /// <summary>Whether the handshake succeeded.</summary>
    public bool IsOk => Flow is not null;
}

/// <summary>
/// TLS over any flow (upstream's <c>tls-mirage</c>), server and client, on <see cref="SslStream"/>.
/// Clients check the server's certificate and name against the system's trust store unless told
/// otherwise.
/// </summary>
public static class TlsFlows
{
    /// <summary>
    /// Answers a TLS handshake on <paramref name="flow"/> with <paramref name="certificate"/>, offering
    /// <paramref name="alpn"/>, and sending <paramref name="intermediates"/> (the rest of its chain) when given.
    /// </summary>
    public static ValueTask<TlsResult> ServerAsync(
        ITcpFlow flow,
        X509Certificate2 certificate,
        IReadOnlyList<SslApplicationProtocol>? alpn = null,
        CancellationToken cancellationToken = default,
        X509Certificate2Collection? intermediates = null) =>
        HandshakeAsync(flow, ssl => ssl.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificate = intermediates is { Count: > 0 } ? null : certificate,
                ServerCertificateContext = intermediates is { Count: > 0 }
                    ? SslStreamCertificateContext.Create(certificate, intermediates, offline: true)
                    : null,
                ApplicationProtocols = alpn is null ? null : [.. alpn],
            },
            cancellationToken));

    /// <summary>
    /// Starts TLS on <paramref name="flow"/> towards <paramref name="host"/>. The server's
    /// certificate must name <paramref name="host"/> and chain to a root of <paramref name="trust"/>
    /// (the system's when null), unless <paramref name="validate"/> decides instead (a pinned
    /// certificate).
    /// </summary>
    public static ValueTask<TlsResult> ClientAsync(
        ITcpFlow flow,
        string host,
        IReadOnlyList<SslApplicationProtocol>? alpn = null,
        TlsTrust? trust = null,
        RemoteCertificateValidationCallback? validate = null,
        CancellationToken cancellationToken = default)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ApplicationProtocols = alpn is null ? null : [.. alpn],
        };
        (trust ?? TlsTrust.System).ApplyTo(options);
        if (validate is not null)
        {
            options.RemoteCertificateValidationCallback = validate;
        }
        return HandshakeAsync(flow, ssl => ssl.AuthenticateAsClientAsync(options, cancellationToken));
    }

    private static async ValueTask<TlsResult> HandshakeAsync(ITcpFlow flow, Func<SslStream, Task> authenticate)
    {
        var ssl = new SslStream(new FlowStream(flow), leaveInnerStreamOpen: false);
        try
        {
            await authenticate(ssl).ConfigureAwait(false);
            return new TlsResult(new TlsFlow(flow, ssl), null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            return new TlsResult(null, $"TLS handshake with {flow.Destination} failed: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
