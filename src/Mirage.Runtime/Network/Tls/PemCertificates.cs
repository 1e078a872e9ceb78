using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// Certificates and private keys from PEM text (what <c>openssl</c> writes): a certificate chain,
/// then a key in PKCS#8, PKCS#1 or SEC1. Every failure is a result naming what is wrong and where
/// (the sources say where the text came from: a file, a key of a store).
/// </summary>
public static class PemCertificates
{
    /// <summary>The server certificate (the first of the chain) with its private key, and the rest of the chain.</summary>
    public static TlsCertificateResult FromPem(
        ReadOnlySpan<char> certificatePem,
        ReadOnlySpan<char> keyPem,
        string certificateSource = "the certificate",
        string keySource = "the key")
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            return TlsCertificateResult.Fail($"{certificateSource} is not a PEM certificate chain: {e.Message}");
        }
        if (chain.Count == 0)
        {
            return TlsCertificateResult.Fail($"{certificateSource} is not a PEM certificate chain: no -----BEGIN CERTIFICATE-----");
        }
        // The first certificate is the server's; the others are sent with it.
        var publicOnly = chain[0];
        chain.RemoveAt(0);
        using (publicOnly)
        {
            if (KeyProblem(publicOnly, keyPem) is { } problem)
            {
                return TlsCertificateResult.Fail($"{keySource} {problem}");
            }
            try
            {
                return TlsCertificateResult.Ok(X509Certificate2.CreateFromPem(certificatePem, keyPem), chain);
            }
            catch (ArgumentException)
            {
                return TlsCertificateResult.Fail(
                    $"{keySource} does not match the certificate of {certificateSource} ({publicOnly.Subject})");
            }
            catch (CryptographicException e)
            {
                return TlsCertificateResult.Fail($"{keySource} cannot be used with {certificateSource}: {e.Message}");
            }
        }
    }

    /// <summary>Why <paramref name="keyPem"/> is no private key of the certificate's algorithm, or null when it is one.</summary>
    private static string? KeyProblem(X509Certificate2 certificate, ReadOnlySpan<char> keyPem)
    {
        using AsymmetricAlgorithm? key = certificate.GetKeyAlgorithm() switch
        {
            "1.2.840.113549.1.1.1" => RSA.Create(),
            "1.2.840.10045.2.1" => ECDsa.Create(),
            _ => null,
        };
        if (key is null)
        {
            return null; // DSA, Ed25519...: CreateFromPem says what it thinks.
        }
        try
        {
            key.ImportFromPem(keyPem);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            var kind = key is RSA ? "RSA" : "EC";
            return $"is not a PEM {kind} private key, as the certificate needs: {e.Message}";
        }
    }
}
