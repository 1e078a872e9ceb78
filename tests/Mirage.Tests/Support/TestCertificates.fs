/// Certificates made fresh for a test: authorities (in no system root store, so a client must be
/// told to trust them), intermediates, and server certificates they sign.
module Mirage.Tests.Support.TestCertificates

open System
open System.IO
open System.Net
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates

let private serial () = RandomNumberGenerator.GetBytes 16

let private signedBy (issuer: X509Certificate2) (request: CertificateRequest) (days: float) =
    request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false))
    // Authorities are P-256; the signature generator lets them sign an RSA request too. The
    // validity stays inside the issuer's.
    use issuerKey = issuer.GetECDsaPrivateKey()

    request.Create(
        issuer.SubjectName,
        X509SignatureGenerator.CreateForECDsa issuerKey,
        DateTimeOffset.UtcNow.AddHours -1.0,
        DateTimeOffset.UtcNow.AddDays days,
        serial ()
    )

/// An authority named `name` (P-256, with its private key): self-signed, or signed by `issuer`.
let private authorityOf (name: string) (issuer: X509Certificate2 option) =
    use key = ECDsa.Create(ECCurve.NamedCurves.nistP256)
    let request = CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256)
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(true, false, 0, true))

    request.CertificateExtensions.Add(
        X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign ||| X509KeyUsageFlags.CrlSign, true)
    )

    request.CertificateExtensions.Add(X509SubjectKeyIdentifierExtension(request.PublicKey, false))

    match issuer with
    | None -> request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours -2.0, DateTimeOffset.UtcNow.AddDays 30.0)
    | Some parent ->
        use certificate = signedBy parent request 20.0
        certificate.CopyWithPrivateKey key

/// A self-signed authority that may sign server certificates (with its private key).
let authority (name: string) = authorityOf name None

/// An intermediate authority signed by `ca` (with its private key).
let intermediate (ca: X509Certificate2) (name: string) = authorityOf name (Some ca)

/// A server certificate signed by `issuer` for `names` (DNS names or IP addresses), with `key`.
let private serverCertificateWith (key: AsymmetricAlgorithm) (issuer: X509Certificate2) (names: string list) =
    let request =
        match key with
        | :? RSA as rsa ->
            CertificateRequest($"CN={List.head names}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        | :? ECDsa as ec -> CertificateRequest($"CN={List.head names}", ec, HashAlgorithmName.SHA256)
        | other -> invalidArg "key" $"no certificate request for {other.GetType().Name}"

    let san = SubjectAlternativeNameBuilder()

    for name in names do
        match IPAddress.TryParse name with
        | true, address -> san.AddIpAddress address
        | _ -> san.AddDnsName name

    request.CertificateExtensions.Add(san.Build())
    request.CertificateExtensions.Add(X509BasicConstraintsExtension(false, false, 0, false))
    let serverAuth = OidCollection()
    serverAuth.Add(Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")) |> ignore
    request.CertificateExtensions.Add(X509EnhancedKeyUsageExtension(serverAuth, false))
    use certificate = signedBy issuer request 7.0

    match key with
    | :? RSA as rsa -> certificate.CopyWithPrivateKey rsa
    | _ -> certificate.CopyWithPrivateKey(key :?> ECDsa)

/// A server certificate (P-256) for `names` (DNS names or IP addresses), signed by `ca`, with its private key.
let serverCertificate (ca: X509Certificate2) (names: string list) =
    use key = ECDsa.Create(ECCurve.NamedCurves.nistP256)
    serverCertificateWith key ca names

/// Writes the certificate (not its key) as PEM to `path`; returns the path.
let writePem (path: string) (certificate: X509Certificate2) =
    File.WriteAllText(path, certificate.ExportCertificatePem())
    path

/// A test CA, and the chain and key of a server certificate for `localhost`, 127.0.0.1 and ::1; all PEM.
type IssuedCertificate =
    {
        CaPem: string
        CertificatePem: string
        KeyPem: string
    }

/// A new CA, an intermediate it signs, and a server certificate for localhost signed by the
/// intermediate (P-256, or RSA 2048 when `rsa`). `CertificatePem` is the chain a server sends: the
/// server's certificate, then the intermediate; a client that trusts `CaPem` alone needs both.
let issue (rsa: bool) =
    use ca = authority "Mirage test CA"
    use middle = intermediate ca "Mirage test intermediate"

    use key =
        if rsa then
            RSA.Create 2048 :> AsymmetricAlgorithm
        else
            ECDsa.Create(ECCurve.NamedCurves.nistP256)

    use server = serverCertificateWith key middle [ "localhost"; "127.0.0.1"; "::1" ]

    {
        CaPem = ca.ExportCertificatePem()
        CertificatePem = server.ExportCertificatePem() + "\n" + middle.ExportCertificatePem() + "\n"
        KeyPem = key.ExportPkcs8PrivateKeyPem()
    }

/// Writes `server.pem` and `server.key` into `dir` (a sample's tls/) and `ca.pem` into `caDir`; returns ca.pem's path.
let writeServer (issued: IssuedCertificate) (dir: string) (caDir: string) =
    File.WriteAllText(Path.Combine(dir, "server.pem"), issued.CertificatePem)
    File.WriteAllText(Path.Combine(dir, "server.key"), issued.KeyPem)
    let ca = Path.Combine(caDir, "ca.pem")
    File.WriteAllText(ca, issued.CaPem)
    ca
