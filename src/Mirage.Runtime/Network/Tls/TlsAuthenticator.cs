using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// Checks a server's certificate against chosen roots instead of the system's (upstream's
/// <c>X509.Authenticator.t</c> from <c>ca-roots.crt</c>): the chain must end in one of
/// <see cref="Roots"/> and the certificate must name the host. Nothing else is trusted.
/// </summary>
public sealed class TlsAuthenticator(X509Certificate2Collection roots)
{
    /// <summary>The trusted roots.</summary>
    public X509Certificate2Collection Roots { get; } = roots;

    /// <summary>The check, as <see cref="SslStream"/> takes it.</summary>
    public RemoteCertificateValidationCallback Callback => Validate;

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // The name check is SslStream's own; only the chain is checked again, against our roots.
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(Roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
