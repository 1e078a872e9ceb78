/// Certificates and CA roots read from a kv_ro (upstream's Tls_mirage.X509(KV)): the good case and
/// every way the store can be wrong, each with a message saying which key and what.
module Mirage.Tests.Runtime.KvCertificatesTests

open System
open System.IO
open System.Security.Cryptography.X509Certificates
open System.Text
open Expecto
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support.TestCertificates

/// A store holding `files` (key, text).
let private store (files: (string * string) list) =
    let kv = MemKv()

    for key, text in files do
        let error =
            kv.SetAsync(Key.Parse key, ReadOnlyMemory(Encoding.UTF8.GetBytes text)).AsTask().Result

        Expect.isNull error $"set {key}"

    kv :> IKvRo

let private certificate (kv: IKvRo) (name: string option) =
    (match name with
     | Some n -> KvCertificates.CertificateAsync(kv, n)
     | None -> KvCertificates.CertificateAsync kv)
        .AsTask()
        .Result

let private expectError (result: TlsCertificateResult) (parts: string list) =
    Expect.isFalse result.IsOk "no certificate"

    for part in parts do
        Expect.stringContains result.Error part "the message"

[<Tests>]
let tests =
    testList
        "Runtime.Tls.KvCertificates"
        [
            test "`Default reads server.pem and server.key: the certificate comes with its private key" {
                let issued = issue false
                let kv = store [ "server.pem", issued.CertificatePem; "server.key", issued.KeyPem ]
                let result = certificate kv None
                Expect.isTrue result.IsOk $"read: {result.Error}"
                Expect.isTrue result.Certificate.HasPrivateKey "with its key"
                Expect.equal result.Certificate.Subject "CN=localhost" "the server's certificate, not the CA"
                Expect.equal result.Intermediates.Count 1 "the rest of the chain"
                Expect.equal result.Intermediates[0].Subject "CN=Mirage test intermediate" "the intermediate"
            }

            test "`Name n reads n.pem and n.key; an RSA key works as well as an EC one" {
                let issued = issue true
                let kv = store [ "web.pem", issued.CertificatePem; "web.key", issued.KeyPem ]
                let result = certificate kv (Some "web")
                Expect.isTrue result.IsOk $"read: {result.Error}"
                Expect.isNotNull (result.Certificate.GetRSAPrivateKey()) "an RSA key"
                expectError (certificate kv None) [ "cannot read the TLS certificate"; "/server.pem" ]
            }

            test "a missing key file is named" {
                let issued = issue false
                let kv = store [ "server.pem", issued.CertificatePem ]

                expectError
                    (certificate kv None)
                    [ "cannot read the TLS private key"; "cannot find the key /server.key" ]
            }

            test "a certificate that is not PEM is named" {
                let issued = issue false

                let kv =
                    store [ "server.pem", "hello, not a certificate"; "server.key", issued.KeyPem ]

                expectError (certificate kv None) [ "/server.pem in the store is not a PEM certificate" ]
            }

            test "a key that is not PEM, or not of the certificate's algorithm, is named" {
                let ec = issue false
                let rsa = issue true

                let garbage =
                    store
                        [
                            "server.pem", ec.CertificatePem
                            "server.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                        ]

                expectError (certificate garbage None) [ "/server.key in the store is not a PEM EC private key" ]
                let wrongKind = store [ "server.pem", rsa.CertificatePem; "server.key", ec.KeyPem ]
                expectError (certificate wrongKind None) [ "/server.key in the store is not a PEM RSA private key" ]
            }

            test "another certificate's key is refused: it does not match" {
                let one = issue false
                let other = issue false
                let kv = store [ "server.pem", one.CertificatePem; "server.key", other.KeyPem ]

                expectError
                    (certificate kv None)
                    [
                        "/server.key in the store does not match the certificate of /server.pem in the store (CN=localhost)"
                    ]
            }

            test "Http.Certificates.FromKvAsync is the same reading, failing with InvalidDataException" {
                let one = issue false
                let good = store [ "server.pem", one.CertificatePem; "server.key", one.KeyPem ]

                use cert = Mirage.Runtime.Http.Certificates.FromKvAsync(good).AsTask().Result

                Expect.isTrue cert.HasPrivateKey "with its key"
                let bad = store [ "server.pem", one.CertificatePem ]

                let e =
                    Expect.throwsC
                        (fun () -> Mirage.Runtime.Http.Certificates.FromKvAsync(bad).AsTask().Result |> ignore)
                        id

                match e with
                | :? AggregateException as a ->
                    Expect.isTrue (a.InnerException :? InvalidDataException) "InvalidDataException"
                    Expect.stringContains a.InnerException.Message "cannot find the key /server.key" "why"
                | other -> failtest $"unexpected {other}"
            }

            test "authenticator: ca-roots.crt gives the roots; missing or empty is an error" {
                let one = issue false
                let other = issue false
                let kv = store [ "ca-roots.crt", one.CaPem + "\n" + other.CaPem ]
                let result = KvCertificates.TrustAsync(kv).AsTask().Result
                Expect.isTrue result.IsOk $"read: {result.Error}"
                Expect.equal result.Trust.Roots.Count 2 "both roots"
                let missing = KvCertificates.TrustAsync(store []).AsTask().Result
                Expect.isFalse missing.IsOk "missing"
                Expect.stringContains missing.Error "cannot find the key /ca-roots.crt" "why"

                let empty =
                    KvCertificates.TrustAsync(store [ "ca-roots.crt", "nothing here" ]).AsTask().Result

                Expect.isFalse empty.IsOk "no certificate"
                Expect.stringContains empty.Error "/ca-roots.crt in the store holds no PEM certificate" "why"
            }
        ]
