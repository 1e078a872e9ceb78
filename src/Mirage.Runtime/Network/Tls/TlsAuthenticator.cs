using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// Upstream's TLS authenticator syntax (<c>--tls-authenticator</c>, X509's <c>Authenticator.of_string</c>):
/// <c>key-fp[:HASH]:FP</c> and <c>cert-fp[:HASH]:FP</c> pin the server's public key or certificate by
/// its base64 fingerprint (HASH one of sha256, the default, sha384, sha512, sha1);
/// <c>trust-anchor:DER[:DER...]</c> trusts the base64 DER certificates as roots; <c>none</c>
/// checks nothing.
/// </summary>
public static class TlsAuthenticator
{
    /// <summary>What the syntax looks like, for error messages.</summary>
    public const string Syntax = "key-fp[:HASH]:BASE64, cert-fp[:HASH]:BASE64, trust-anchor:BASE64-DER[:BASE64-DER...] or none";

    /// <summary>The trust <paramref name="text"/> describes, or why it describes none.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TlsTrust? trust, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        trust = null;
        var parts = text.Split(':');
        switch (parts[0])
        {
            case "none" when parts.Length == 1:
                trust = TlsTrust.Unchecked;
                break;
            case "key-fp" or "cert-fp" when parts.Length is 2 or 3:
                if (!TryFingerprint(parts[1..], out var hash, out var fingerprint, out error))
                {
                    error = $"'{text}': {error}";
                    return false;
                }
                Func<X509Certificate2, byte[]> of = parts[0] == "key-fp"
                    ? certificate => hash(certificate.PublicKey.ExportSubjectPublicKeyInfo())
                    : certificate => hash(certificate.RawData);
                var what = parts[0] == "key-fp" ? "key" : "certificate";
                trust = TlsTrust.Pinned(certificate =>
                    CryptographicOperations.FixedTimeEquals(of(certificate), fingerprint)
                        ? null
                        : $"its {what}'s fingerprint is {Convert.ToBase64String(of(certificate))}, not the pinned {Convert.ToBase64String(fingerprint)}");
                break;
            case "trust-anchor" when parts.Length >= 2:
                var roots = new X509Certificate2Collection();
                foreach (var part in parts[1..])
                {
                    try
                    {
                        roots.Add(X509CertificateLoader.LoadCertificate(Base64(part)));
                    }
                    catch (Exception e) when (e is FormatException or CryptographicException)
                    {
                        error = $"'{text}': a trust anchor is not a base64 DER certificate ({e.Message})";
                        return false;
                    }
                }
                trust = TlsTrust.Only(roots);
                break;
            default:
                error = $"'{text}' is not a TLS authenticator: expected {Syntax}";
                return false;
        }
        error = null;
        return true;
    }

    /// <summary>The trust <paramref name="text"/> describes; the system roots when null.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not an authenticator.</exception>
    public static TlsTrust Trust(string? text) =>
        text is null ? TlsTrust.System
        : TryParse(text, out var trust, out var error) ? trust
        : throw new ArgumentException(error, nameof(text));

    private static bool TryFingerprint(
        string[] parts, out Func<byte[], byte[]> hash, out byte[] fingerprint, [NotNullWhen(false)] out string? error)
    {
        (hash, fingerprint, error) = (SHA256.HashData, [], null);
        if (parts.Length == 2)
        {
            Func<byte[], byte[]>? named = parts[0].ToLowerInvariant() switch
            {
                "sha256" => SHA256.HashData,
                "sha384" => SHA384.HashData,
                "sha512" => SHA512.HashData,
                "sha1" => SHA1.HashData,
                _ => null,
            };
            if (named is null)
            {
                error = $"unknown hash '{parts[0]}' (expected sha256, sha384, sha512 or sha1)";
                return false;
            }
            hash = named;
        }
        try
        {
            fingerprint = Base64(parts[^1]);
        }
        catch (FormatException)
        {
            error = $"the fingerprint '{parts[^1]}' is not base64";
            return false;
        }
        var expected = hash([]).Length;
        if (fingerprint.Length != expected)
        {
            error = $"the fingerprint has {fingerprint.Length} bytes, its hash makes {expected}";
            return false;
        }
        return true;
    }

    // Upstream decodes base64 with or without its '=' padding.
    private static byte[] Base64(string text) =>
        Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
