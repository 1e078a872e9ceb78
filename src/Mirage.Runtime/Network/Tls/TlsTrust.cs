using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// How a TLS client decides to trust a server (upstream's <c>X509.Authenticator.t</c>): the host's
/// system roots, only the given ones (as <c>curl --cacert</c>), or what an authenticator in
/// upstream's syntax says (<see cref="From"/>: a pinned key or certificate fingerprint, trust
/// anchors, or <c>none</c>). The server's chain and name are checked unless the authenticator
/// written by the user says otherwise.
/// </summary>
public sealed class TlsTrust
{
    private static readonly LogSource Log = new("tls");

    private readonly TlsAuthenticator? _pinned;
    private readonly bool _checkName = true;

    private TlsTrust(X509Certificate2Collection? roots) => Roots = roots;

    private TlsTrust(X509Certificate2Collection? roots, TlsAuthenticator? pinned, bool checkName)
        : this(roots)
    {
        _pinned = pinned;
        _checkName = checkName;
    }

    /// <summary>
    /// The checks <paramref name="authenticator"/> asks for: a fingerprint must match the server's
    /// public key (<c>key-fp</c>, its SubjectPublicKeyInfo) or certificate (<c>cert-fp</c>), which must
    /// be valid now (when the unikernel has a clock); trust anchors replace the system's roots;
    /// <c>none</c> trusts every server. The server's name is checked only when
    /// <paramref name="checkName"/> (upstream checks it when given a host name).
    /// </summary>
    public static TlsTrust From(TlsAuthenticator authenticator, bool checkName)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        switch (authenticator.Kind)
        {
            case TlsAuthenticatorKind.TrustAnchors:
                var roots = new X509Certificate2Collection();
                foreach (var der in authenticator.Anchors)
                {
                    roots.Add(X509CertificateLoader.LoadCertificate(der));
                }
                return new TlsTrust(roots, null, checkName);
            default:
                return new TlsTrust(null, authenticator, checkName);
        }
    }

    /// <summary>
    /// The trust an authenticator in upstream's syntax describes (<c>--tls-authenticator</c>,
    /// <see cref="TlsAuthenticator"/>), the server's name checked; or why it describes none.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TlsTrust? trust, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        trust = TlsAuthenticator.TryParse(text, out var authenticator, out error) ? From(authenticator, checkName: true) : null;
        return trust is not null;
    }

    /// <summary>The trust <paramref name="authenticator"/> describes (see <see cref="TryParse"/>); the system roots when null.</summary>
    /// <exception cref="ArgumentException"><paramref name="authenticator"/> is not an authenticator.</exception>
    public static TlsTrust Parse(string? authenticator) =>
        authenticator is null ? System
        : TryParse(authenticator, out var trust, out var error) ? trust
        : throw new ArgumentException(error, nameof(authenticator));

    /// <summary>Whether this trust checks nothing (upstream's authenticator <c>none</c>): whoever uses it should warn.</summary>
    public bool ChecksNothing => _pinned?.Kind == TlsAuthenticatorKind.None;

    /// <summary>The host's system roots.</summary>
    public static TlsTrust System { get; } = new(null);

    /// <summary>The authorities trusted instead of the system roots; null for the system roots.</summary>
    public X509Certificate2Collection? Roots { get; }

    /// <summary>Trusts only <paramref name="roots"/> (at least one).</summary>
    public static TlsTrust Only(X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentOutOfRangeException.ThrowIfZero(roots.Count);
        return new TlsTrust(roots);
    }

    /// <summary>Every certificate in <paramref name="pem"/> (a CA bundle); an error naming <paramref name="source"/> when there is none or one is malformed.</summary>
    public static TlsTrustResult FromPem(ReadOnlySpan<char> pem, string source = "the CA roots")
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            return new(null, $"{source} holds a malformed PEM certificate: {e.Message}");
        }
        return roots.Count == 0
            ? new(null, $"{source} holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
            : new(new TlsTrust(roots), null);
    }

    /// <summary>Reads the authorities of a PEM file (one or more <c>CERTIFICATE</c> blocks).</summary>
    public static bool TryLoadPem(string path, [NotNullWhen(true)] out TlsTrust? trust, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (trust, error) = (null, $"cannot read '{path}': {e.Message}");
            return false;
        }
        var result = FromPem(text, $"'{path}'");
        (trust, error) = (result.Trust, result.Error);
        return result.IsOk;
    }

    /// <summary>
    /// Makes <paramref name="options"/> check the server against this trust: a custom root store
    /// (<see cref="X509ChainTrustMode.CustomRootTrust"/>) when authorities are given, and a
    /// validation callback that accepts exactly what the platform's checks accept, logging why a
    /// certificate is refused.
    /// </summary>
    public void ApplyTo(SslClientAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Roots is { } roots)
        {
            // The policy replaces the options' own chain settings: keep their revocation mode (no
            // check by default, as with the system roots and curl --cacert; a test authority
            // publishes no revocation list).
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = options.CertificateRevocationCheckMode,
            };
            policy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy = policy;
        }
        options.RemoteCertificateValidationCallback = Check;
    }

    private bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_checkName)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        var host = (sender as SslStream)?.TargetHostName ?? "the server";
        if (_pinned is { } pinned)
        {
            return CheckPinned(pinned, host, certificate, errors);
        }
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        Log.Warning($"{host}: certificate refused: {Describe(errors, chain)}{(certificate is null ? "" : $" (subject {certificate.Subject}, issuer {certificate.Issuer})")}");
        return false;
    }

    // A pin replaces the chain check (the server's certificate may well be self-signed); the name
    // and, when there is a clock, the validity period are still checked, as upstream's.
    private static bool CheckPinned(TlsAuthenticator pinned, string host, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (pinned.Kind == TlsAuthenticatorKind.None)
        {
            return true;
        }
        if (certificate is null)
        {
            Log.Warning($"{host}: certificate refused: the server sent no certificate");
            return false;
        }
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var hashed = pinned.Kind == TlsAuthenticatorKind.KeyFingerprint
            ? server.PublicKey.ExportSubjectPublicKeyInfo()
            : server.RawData;
        string? refusal = null;
        if (!CryptographicOperations.FixedTimeEquals(Hash(pinned.Hash, hashed), pinned.Fingerprint))
        {
            refusal = $"its {(pinned.Kind == TlsAuthenticatorKind.KeyFingerprint ? "key" : "certificate")} fingerprint is not the pinned one";
        }
        else if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            refusal = "it is not for this host name";
        }
        else if (PClockTime.NowIfAny(Platform.PClock) is { } now && (now < server.NotBefore || now > server.NotAfter))
        {
            refusal = $"it is not valid now (valid from {server.NotBefore:u} to {server.NotAfter:u})";
        }
        if (refusal is not null)
        {
            Log.Warning($"{host}: certificate refused: {refusal} (subject {server.Subject})");
        }
        return refusal is null;
    }

    private static byte[] Hash(HashAlgorithmName hash, byte[] data) => hash.Name switch
    {
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => SHA256.HashData(data),
    };

    /// <summary>Why a certificate is refused, in words.</summary>
    internal static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("the server sent no certificate");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("it is not for this host name");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
            reasons.Add(statuses.Contains(nameof(X509ChainStatusFlags.UntrustedRoot)) || statuses.Contains(nameof(X509ChainStatusFlags.PartialChain))
                ? $"it is not signed by a trusted authority ({string.Join(", ", statuses)})"
                : $"its chain is invalid ({string.Join(", ", statuses)})");
        }
        return string.Join("; ", reasons);
    }
}
