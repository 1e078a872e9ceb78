using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// A certificate with its private key, ready to serve TLS, or the message saying why there is none
/// (a missing key, text that is not PEM, a key that does not match the certificate). The
/// certificates after the first in the PEM chain are <see cref="Intermediates"/>, sent to clients
/// with it so that they can reach their root.
/// </summary>
public readonly record struct TlsCertificateResult(
    X509Certificate2? Certificate, string? Error, X509Certificate2Collection? Intermediates = null)
{
    /// <summary>Whether the certificate was read.</summary>
    [MemberNotNullWhen(true, nameof(Certificate))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Certificate is not null;

    /// <summary>A certificate, with the intermediates of its chain.</summary>
    public static TlsCertificateResult Ok(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null) =>
        new(certificate, null, intermediates ?? []);

    /// <summary>No certificate, because of <paramref name="error"/>.</summary>
    public static TlsCertificateResult Fail(string error) => new(null, error);
}

/// <summary>
/// Trusted root certificates for checking a server (upstream's <c>X509.Authenticator.t</c>), or the
/// message saying why there are none.
/// </summary>
public readonly record struct TlsTrustResult(TlsTrust? Trust, string? Error)
{
    /// <summary>Whether the roots were read.</summary>
    [MemberNotNullWhen(true, nameof(Trust))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Trust is not null;
}
