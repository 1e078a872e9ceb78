using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.Conduit;

/// <summary>
/// TLS towards <paramref name="Host"/> for <see cref="IConduit.ConnectAsync"/>: the server's
/// certificate must name the host and chain to the system's roots, or to the roots of
/// <paramref name="Trust"/> when given (from <see cref="KvCertificates.TrustAsync"/>, or a PEM file).
/// </summary>
public sealed record ConduitClientTls(
    string Host,
    TlsTrust? Trust = null,
    IReadOnlyList<SslApplicationProtocol>? Alpn = null);

/// <summary>
/// A TLS endpoint for <see cref="IConduit.Listen"/>: <paramref name="Certificate"/> (with its private
/// key), the protocols offered by ALPN, how long a client may take to finish its handshake, and the
/// rest of the certificate's chain, sent with it (<see cref="TlsCertificateResult.Intermediates"/>).
/// </summary>
public sealed record ConduitServerTls(
    X509Certificate2 Certificate,
    IReadOnlyList<SslApplicationProtocol>? Alpn = null,
    TimeSpan? HandshakeTimeout = null,
    X509Certificate2Collection? Intermediates = null);
