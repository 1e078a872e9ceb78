using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Network.Tls;

/// <summary>How an authenticator decides whether to trust a server (upstream's <c>X509.Authenticator.of_string</c> forms).</summary>
public enum TlsAuthenticatorKind
{
    /// <summary><c>none</c>: every server is trusted (no authentication, as upstream).</summary>
    None,
    /// <summary><c>key-fp[:HASH]:FINGERPRINT</c>: the server's public key (its SubjectPublicKeyInfo) hashes to the fingerprint.</summary>
    KeyFingerprint,
    /// <summary><c>cert-fp[:HASH]:FINGERPRINT</c>: the server's certificate hashes to the fingerprint.</summary>
    CertificateFingerprint,
    /// <summary><c>trust-anchor:DER[:DER…]</c>: the server's chain leads to one of these certificates.</summary>
    TrustAnchors,
}

/// <summary>
/// A TLS authenticator in upstream's syntax (x509's <c>Authenticator.of_string</c>, used by
/// <c>--tls-authenticator</c> and DNS-over-TLS nameservers): <c>none</c>,
/// <c>key-fp[:HASH]:BASE64</c>, <c>cert-fp[:HASH]:BASE64</c> (HASH one of sha256 (the default),
/// sha384, sha512; upstream's sha224 is refused, .NET has no SHA-224) or <c>trust-anchor:BASE64-DER[:BASE64-DER…]</c>. Parsing is pure and
/// shared by configure time and run time; <c>TlsTrust.From</c> turns it into the checks a TLS client makes.
/// </summary>
public sealed record TlsAuthenticator
{
    /// <summary>What the syntax allows, for error messages.</summary>
    public const string Syntax =
        "none, key-fp[:HASH]:BASE64-FINGERPRINT, cert-fp[:HASH]:BASE64-FINGERPRINT (HASH sha256 (default), sha384 "
        + "or sha512) or trust-anchor:BASE64-DER-CERTIFICATE[:…]";

    private TlsAuthenticator(TlsAuthenticatorKind kind, HashAlgorithmName hash, byte[] fingerprint, IReadOnlyList<byte[]> anchors, string text)
    {
        Kind = kind;
        Hash = hash;
        Fingerprint = fingerprint;
        Anchors = anchors;
        Text = text;
    }

    /// <summary>Which check this is.</summary>
    public TlsAuthenticatorKind Kind { get; }

    /// <summary>The hash of a fingerprint check.</summary>
    public HashAlgorithmName Hash { get; }

    /// <summary>The expected fingerprint (empty unless a fingerprint check).</summary>
    public byte[] Fingerprint { get; }

    /// <summary>The trust anchors' DER encodings (empty unless <see cref="TlsAuthenticatorKind.TrustAnchors"/>).</summary>
    public IReadOnlyList<byte[]> Anchors { get; }

    /// <summary>The authenticator as it was written.</summary>
    public string Text { get; }

    /// <summary>Reads an authenticator, or says what is wrong with it.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TlsAuthenticator? authenticator, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        authenticator = null;
        var parts = text.Split(':');
        switch (parts)
        {
            case ["none"]:
                authenticator = new(TlsAuthenticatorKind.None, default, [], [], text);
                break;
            case ["key-fp" or "cert-fp", .. var rest] when rest.Length is 1 or 2:
                var kind = parts[0] == "key-fp" ? TlsAuthenticatorKind.KeyFingerprint : TlsAuthenticatorKind.CertificateFingerprint;
                if (!TryHash(rest.Length == 2 ? rest[0] : "sha256", out var hash))
                {
                    error = rest[0].Equals("sha224", StringComparison.OrdinalIgnoreCase)
                        ? $"TLS authenticator '{text}': sha224 fingerprints are not available on .NET (no SHA-224); use sha256, sha384 or sha512"
                        : $"TLS authenticator '{text}': unknown hash '{rest[0]}'; expected sha256, sha384 or sha512";
                    return false;
                }
                if (!TryBase64(rest[^1], out var fingerprint) || fingerprint.Length != HashLength(hash))
                {
                    error = $"TLS authenticator '{text}': the fingerprint is not the base64 of a {hash.Name} hash ({HashLength(hash)} bytes)";
                    return false;
                }
                authenticator = new(kind, hash, fingerprint, [], text);
                break;
            case ["trust-anchor", .. var certificates] when certificates.Length > 0:
                var anchors = new List<byte[]>();
                for (var i = 0; i < certificates.Length; i++)
                {
                    if (!TryBase64(certificates[i], out var der) || !IsCertificate(der))
                    {
                        error = $"TLS authenticator '{text}': trust anchor {i + 1} is not a base64 DER certificate";
                        return false;
                    }
                    anchors.Add(der);
                }
                authenticator = new(TlsAuthenticatorKind.TrustAnchors, default, [], anchors, text);
                break;
            default:
                error = $"TLS authenticator '{text}': expected {Syntax}";
                return false;
        }
        error = null;
        return true;
    }

    /// <summary>The authenticator as written.</summary>
    public override string ToString() => Text;

    private static bool TryHash(string name, out HashAlgorithmName hash)
    {
        hash = name.ToLowerInvariant() switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        return hash.Name is not null;
    }

    private static int HashLength(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA256" => 32,
        "SHA384" => 48,
        _ => 64,
    };

    // Upstream decodes without padding; accept it either way.
    private static bool TryBase64(string text, out byte[] bytes)
    {
        var padded = text.TrimEnd('=');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        bytes = [];
        return false;
    }

    private static bool IsCertificate(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
