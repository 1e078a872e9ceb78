using System.Security.Cryptography.X509Certificates;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Http;

/// <summary>
/// Server certificates for <see cref="HttpListen.Https"/>, read by <see cref="PemCertificates"/> and
/// <see cref="KvCertificates"/> (which the TLS flows and conduits share); failures are exceptions
/// here, because a server cannot start without its certificate.
/// </summary>
public static class Certificates
{
    /// <summary>
    /// A certificate with its private key, from PEM text (the certificate chain, then the key in
    /// PKCS#8, PKCS#1 or SEC1). Fails with a message naming what is wrong.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is no certificate, no key, or a key of another certificate.</exception>
    public static X509Certificate2 FromPem(ReadOnlySpan<char> certificatePem, ReadOnlySpan<char> keyPem) =>
        OrThrow(PemCertificates.FromPem(certificatePem, keyPem));

    /// <summary>A certificate with its private key, from two PEM files.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file holds no certificate or key, or the key is another certificate's.</exception>
    public static X509Certificate2 FromPemFiles(string certificatePath, string keyPath)
    {
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"TLS file not found: {path}", path);
            }
        }
        return OrThrow(PemCertificates.FromPem(
            File.ReadAllText(certificatePath), File.ReadAllText(keyPath), $"the file {certificatePath}", $"the file {keyPath}"));
    }

    /// <summary>
    /// The certificate <c>NAME.pem</c> with its key <c>NAME.key</c> from <paramref name="kv"/>
    /// (upstream's <c>X509.certificate kv `Default</c>, NAME being <c>server</c>, or <c>`Name n</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">A key is missing, holds no PEM, or the private key is another certificate's.</exception>
    public static async ValueTask<X509Certificate2> FromKvAsync(
        IKvRo kv, string name = KvCertificates.DefaultName, CancellationToken cancellationToken = default) =>
        OrThrow(await KvCertificates.CertificateAsync(kv, name, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// HTTPS on <paramref name="port"/> with the certificate <c>NAME.pem</c> (its whole chain) and its
    /// key <c>NAME.key</c> from <paramref name="kv"/>, as <see cref="FromKvAsync"/> reads them.
    /// </summary>
    /// <exception cref="InvalidDataException">A key is missing, holds no PEM, or the private key is another certificate's.</exception>
    public static async ValueTask<HttpListen> HttpsFromKvAsync(
        int port, IKvRo kv, string name = KvCertificates.DefaultName, CancellationToken cancellationToken = default)
    {
        var read = await KvCertificates.CertificateAsync(kv, name, cancellationToken).ConfigureAwait(false);
        return HttpListen.Https(port, OrThrow(read), read.Intermediates);
    }

    private static X509Certificate2 OrThrow(TlsCertificateResult result) =>
        result.IsOk ? result.Certificate : throw new InvalidDataException($"cannot read the TLS certificate and key: {result.Error}");
}
