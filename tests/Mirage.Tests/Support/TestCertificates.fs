/// Certificates made fresh for a test: a CA and a server certificate it signs, as PEM.
module Mirage.Tests.Support.TestCertificates

open System
open System.IO
open System.Net
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates

/// A test CA, the server certificate it signed for `localhost`, 127.0.0.1 and ::1, and its key; all PEM.
type IssuedCertificate =
    {
        CaPem: string
        CertificatePem: string
        KeyPem: string
    }

/// A CA certificate named `name`, signed by `issuer` (its certificate and key) or self-signed.
let private authority (name: string) (key: ECDsa) (issuer: (X509Certificate2 * ECDsa) option) =
    let request = CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256)
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(true, false, 0, true))

    request.CertificateExtensions.Add(
        X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign ||| X509KeyUsageFlags.CrlSign, true)
    )

    request.CertificateExtensions.Add(X509SubjectKeyIdentifierExtension(request.PublicKey, false))
    let now = DateTimeOffset.UtcNow

    match issuer with
    | None -> request.CreateSelfSigned(now.AddHours -1.0, now.AddDays 30.0)
    | Some(parent, parentKey) ->
        request.Create(
            parent.SubjectName,
            X509SignatureGenerator.CreateForECDsa parentKey,
            now.AddHours -1.0,
            now.AddDays 20.0,
            RandomNumberGenerator.GetBytes 16
        )

/// A new CA (P-256), an intermediate CA it signs, and a server certificate for localhost signed by
/// the intermediate (P-256 or RSA 2048). `CertificatePem` is the chain a server sends: the server's
/// certificate, then the intermediate; a client that trusts `CaPem` alone needs both.
let issue (rsa: bool) =
    use caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256)
    use ca = authority "Mirage test CA" caKey None
    use intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256)

    use intermediate =
        authority "Mirage test intermediate" intermediateKey (Some(ca, caKey))

    let now = DateTimeOffset.UtcNow
    let names = SubjectAlternativeNameBuilder()
    names.AddDnsName "localhost"
    names.AddIpAddress IPAddress.Loopback
    names.AddIpAddress IPAddress.IPv6Loopback

    let serverKey, request, keyPem =
        if rsa then
            let key = RSA.Create 2048

            key :> AsymmetricAlgorithm,
            CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            key.ExportPkcs8PrivateKeyPem()
        else
            let key = ECDsa.Create(ECCurve.NamedCurves.nistP256)

            key :> AsymmetricAlgorithm,
            CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256),
            key.ExportPkcs8PrivateKeyPem()

    use _ = serverKey
    request.CertificateExtensions.Add(names.Build())
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(false, false, 0, false))
    let serverAuth = OidCollection()
    serverAuth.Add(Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")) |> ignore
    request.CertificateExtensions.Add(X509EnhancedKeyUsageExtension(serverAuth, false))

    use server =
        request.Create(
            intermediate.SubjectName,
            X509SignatureGenerator.CreateForECDsa intermediateKey,
            now.AddHours -1.0,
            now.AddDays 7.0,
            RandomNumberGenerator.GetBytes 16
        )

    {
        CaPem = ca.ExportCertificatePem()
        CertificatePem =
            server.ExportCertificatePem()
            + "\n"
            + intermediate.ExportCertificatePem()
            + "\n"
        KeyPem = keyPem
    }

/// Writes `server.pem` and `server.key` into `dir` (a sample's tls/) and `ca.pem` into `caDir`; returns ca.pem's path.
let writeServer (issued: IssuedCertificate) (dir: string) (caDir: string) =
    File.WriteAllText(Path.Combine(dir, "server.pem"), issued.CertificatePem)
    File.WriteAllText(Path.Combine(dir, "server.key"), issued.KeyPem)
    let ca = Path.Combine(caDir, "ca.pem")
    File.WriteAllText(ca, issued.CaPem)
    ca
