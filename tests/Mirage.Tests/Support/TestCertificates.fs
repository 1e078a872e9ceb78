/// A certificate authority made in the test, and server certificates it signs: what an HTTPS
/// client must be told to trust (it is in no system root store).
module Mirage.Tests.Support.TestCertificates

open System
open System.IO
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates

/// A self-signed authority that may sign server certificates (with its private key).
let authority (name: string) =
    use key = ECDsa.Create(ECCurve.NamedCurves.nistP256)
    let request = CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256)
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(true, false, 0, true))

    request.CertificateExtensions.Add(
        X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign ||| X509KeyUsageFlags.CrlSign, true)
    )

    request.CertificateExtensions.Add(X509SubjectKeyIdentifierExtension(request.PublicKey, false))
    request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours -2.0, DateTimeOffset.UtcNow.AddDays 2.0)

/// A server certificate for `names` (DNS names), signed by `ca`, with its private key.
let serverCertificate (ca: X509Certificate2) (names: string list) =
    use key = ECDsa.Create(ECCurve.NamedCurves.nistP256)

    let request =
        CertificateRequest($"CN={List.head names}", key, HashAlgorithmName.SHA256)

    let san = SubjectAlternativeNameBuilder()

    for name in names do
        san.AddDnsName name

    request.CertificateExtensions.Add(san.Build())
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(false, false, 0, false))
    request.CertificateExtensions.Add(X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true))

    let serverAuth = OidCollection()
    serverAuth.Add(Oid "1.3.6.1.5.5.7.3.1") |> ignore
    request.CertificateExtensions.Add(X509EnhancedKeyUsageExtension(serverAuth, false))

    request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false))

    use certificate =
        request.Create(
            ca,
            DateTimeOffset.UtcNow.AddHours -1.0,
            DateTimeOffset.UtcNow.AddDays 1.0,
            RandomNumberGenerator.GetBytes 16
        )

    certificate.CopyWithPrivateKey key

/// Writes the certificate (not its key) as PEM to `path`; returns the path.
let writePem (path: string) (certificate: X509Certificate2) =
    File.WriteAllText(path, certificate.ExportCertificatePem())
    path
