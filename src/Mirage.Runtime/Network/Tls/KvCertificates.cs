using System.Text;
using Mirage.Runtime.KeyValue;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// Certificates from a read-only key/value store (upstream's <c>Tls_mirage.X509(KV)</c>), so that a
/// unikernel's keys come from a crunched or direct <c>kv_ro</c> device like its other data.
/// </summary>
public static class KvCertificates
{
    /// <summary>The default certificate's name: <c>server.pem</c> and <c>server.key</c> (upstream's <c>`Default</c>).</summary>
    public const string DefaultName = "server";

    /// <summary>The CA roots' key (upstream's <c>ca-roots.crt</c>).</summary>
    public static readonly Key RootsKey = Key.Parse("ca-roots.crt");

    /// <summary>
    /// The certificate chain <c>NAME.pem</c> with its private key <c>NAME.key</c>, where NAME is
    /// <paramref name="name"/> (upstream's <c>certificate kv (`Name n)</c>) or <c>server</c>
    /// (<c>`Default</c>).
    /// </summary>
    public static async ValueTask<TlsCertificateResult> CertificateAsync(
        IKvRo kv, string name = DefaultName, CancellationToken cancellationToken = default)
    {
        var certificateKey = Key.Parse($"{name}.pem");
        var keyKey = Key.Parse($"{name}.key");
        var certificate = await ReadTextAsync(kv, certificateKey, "TLS certificate", cancellationToken).ConfigureAwait(false);
        if (certificate.Error is { } certificateError)
        {
            return TlsCertificateResult.Fail(certificateError);
        }
        var key = await ReadTextAsync(kv, keyKey, "TLS private key", cancellationToken).ConfigureAwait(false);
        if (key.Error is { } keyError)
        {
            return TlsCertificateResult.Fail(keyError);
        }
        return PemCertificates.FromPem(certificate.Text, key.Text, $"{certificateKey} in the store", $"{keyKey} in the store");
    }

    /// <summary>The roots in <c>ca-roots.crt</c> that a client trusts (upstream's <c>authenticator kv</c>).</summary>
    public static async ValueTask<TlsTrustResult> TrustAsync(IKvRo kv, CancellationToken cancellationToken = default)
    {
        var roots = await ReadTextAsync(kv, RootsKey, "CA roots", cancellationToken).ConfigureAwait(false);
        return roots.Error is { } error
            ? new(null, error)
            : TlsTrust.FromPem(roots.Text, $"{RootsKey} in the store");
    }

    private static async ValueTask<(string Text, string? Error)> ReadTextAsync(
        IKvRo kv, Key key, string what, CancellationToken cancellationToken)
    {
        var read = await kv.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return read.TryGetValue(out var bytes, out var error)
            ? (Encoding.UTF8.GetString(bytes.Span), null)
            : ("", $"cannot read the {what}: {error}");
    }
}
