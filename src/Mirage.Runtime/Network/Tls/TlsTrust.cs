using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// Which certificate authorities a TLS client trusts (upstream's <c>X509.Authenticator.t</c>): the
/// host's system roots, or only the given ones (as <c>curl --cacert</c>): the server's chain and
/// name are checked. Upstream's <c>--tls-authenticator</c> adds pins (<see cref="Pinned"/>: the
/// server's certificate or key by fingerprint, its name and dates checked, no chain needed) and
/// <c>none</c> (<see cref="Unchecked"/>).
/// </summary>
public sealed class TlsTrust
{
    private static readonly LogSource Log = new("tls");

    // A pin's check of the server's certificate (null when accepted, else why not), which replaces
    // the chain's; the name and dates are checked beside it unless the pin is 'none'.
    private readonly Func<X509Certificate2, string?>? _pin;
    private readonly bool _pinChecksNameAndDates;

    private TlsTrust(X509Certificate2Collection? roots, Func<X509Certificate2, string?>? pin = null, bool pinChecksNameAndDates = true) =>
        (Roots, _pin, _pinChecksNameAndDates) = (roots, pin, pinChecksNameAndDates);

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

    /// <summary>
    /// Trusts a server whose certificate <paramref name="pin"/> accepts (null: accepted, else why
    /// not), valid now and for the host name, whoever signed it.
    /// </summary>
    public static TlsTrust Pinned(Func<X509Certificate2, string?> pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return new TlsTrust(null, pin);
    }

    /// <summary>Trusts any server (upstream's authenticator <c>none</c>): whoever uses it should warn.</summary>
    public static TlsTrust Unchecked { get; } = new(null, _ => null, pinChecksNameAndDates: false);

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
        var host = (sender as SslStream)?.TargetHostName ?? "the server";
        if (_pin is not null)
        {
            return CheckPin(host, certificate, errors);
        }
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        Log.Warning($"{host}: certificate refused: {Describe(errors, chain)}{(certificate is null ? "" : $" (subject {certificate.Subject}, issuer {certificate.Issuer})")}");
        return false;
    }

    private bool CheckPin(string host, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 leaf)
        {
            Log.Warning($"{host}: certificate refused: the server sent no certificate");
            return false;
        }
        var reason = _pin!(leaf);
        if (reason is null && _pinChecksNameAndDates)
        {
            var now = DateTime.Now;
            reason = errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? "it is not for this host name"
                : now < leaf.NotBefore || now > leaf.NotAfter ? $"it is valid from {leaf.NotBefore:u} to {leaf.NotAfter:u} only"
                : null;
        }
        if (reason is not null)
        {
            Log.Warning($"{host}: certificate refused: {reason} (subject {leaf.Subject}, issuer {leaf.Issuer})");
        }
        return reason is null;
    }

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
