/// DNS over TLS (upstream's tls:IP!HOSTNAME!AUTHENTICATOR nameservers): the syntax, and the client
/// against unbound serving DNS over TLS with a test CA's certificate.
module Mirage.Tests.Runtime.DnsOverTlsTests

open System
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support

let private parse (text: string) =
    match Nameserver.TryParse text with
    | true, nameserver, _ -> Ok nameserver
    | false, _, error -> Error error

let private client (servers: string list) =
    DnsClient.Connect(
        StackDnsTransport(Loopback.stack (), Platform.Random),
        Platform.MClock,
        Platform.Random,
        List.toArray servers,
        Nullable(5_000_000_000L),
        Nullable 0
    )

let private resolve (c: DnsClient) =
    c.ResolveAsync(DomainName.Parse "dot.test", DnsRecordType.A).AsTask().Result

let private base64 (bytes: byte array) =
    Convert.ToBase64String(bytes).TrimEnd '='

[<Tests>]
let tests =
    testList
        "Runtime.DNS over TLS"
        [
            testCase
                "tls:IP[:PORT][!HOSTNAME][!AUTHENTICATOR] reads as upstream: port 853, a host name only if it is one"
            <| fun () ->
                let plain = parse "tls:192.0.2.1" |> Result.defaultWith failwith
                Expect.equal plain.Protocol DnsProtocol.Tls "TLS"
                Expect.equal plain.EndPoint.Port 853 "port 853"
                Expect.isNull plain.TlsHost "no host name"
                Expect.isNull plain.Authenticator "the system's roots"

                let full =
                    parse "tls:[2001:db8::1]:8853!dns.example!key-fp:sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
                    |> Result.defaultWith failwith

                Expect.equal full.EndPoint.Port 8853 "the port given"
                Expect.equal full.TlsHost "dns.example" "the host name"
                Expect.equal full.Authenticator.Kind TlsAuthenticatorKind.KeyFingerprint "a key pin"

                Expect.equal
                    (string full)
                    "tls:[2001:db8::1]:8853!dns.example!key-fp:sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
                    "round trip"

                let noHost = parse "tls:192.0.2.1!none" |> Result.defaultWith failwith
                // As upstream: "none" is a host name, so the authenticator is the default one.
                Expect.equal noHost.TlsHost "none" "read as a host name"

                let pinOnly =
                    parse "tls:192.0.2.1!cert-fp:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
                    |> Result.defaultWith failwith

                Expect.isNull pinOnly.TlsHost "a fingerprint is no host name"
                Expect.equal pinOnly.Authenticator.Hash HashAlgorithmName.SHA256 "sha256 by default"

            testCase "a bad authenticator is an error naming the nameserver and what was expected"
            <| fun () ->
                for text, expected in
                    [
                        "tls:192.0.2.1!h!key-fp:sha256:AAAA", "not the base64 of a SHA256 hash"
                        "tls:192.0.2.1!h!key-fp:md5:AAAA", "unknown hash 'md5'"
                        "tls:192.0.2.1!h!key-fp:sha224:AAAA", "no SHA-224"
                        "tls:192.0.2.1!h!trust-anchor:bm90IGEgY2VydA", "trust anchor 1 is not a base64 DER certificate"
                        "tls:192.0.2.1!h!bogus", "expected none, key-fp"
                        "tls:example.org", "is no IP address"
                    ] do
                    match parse text with
                    | Ok n -> failtest $"'{text}' read as {n}"
                    | Error message ->
                        Expect.stringContains message $"nameserver '{text}'" "names the nameserver"
                        Expect.stringContains message expected text

            testCase
                "against unbound: a trust anchor, a key or certificate pin, none; the system's roots, a wrong pin or name fail"
            <| fun () ->
                let issued = TestCertificates.issue false
                use server = Unbound.start issued [ "dot.test. A 10.9.8.7" ]
                use ca = X509Certificate2.CreateFromPem issued.CaPem
                use leaf = X509Certificate2.CreateFromPem issued.CertificatePem
                let address = $"127.0.0.1:{server.Port}"
                let keyPin = base64 (SHA256.HashData(leaf.PublicKey.ExportSubjectPublicKeyInfo()))
                let certPin = base64 (SHA384.HashData leaf.RawData)

                let answers nameserver =
                    match resolve (client [ nameserver ]) with
                    | :? DnsAnswer.Data as d ->
                        Ok(
                            d.Records
                            |> Seq.map (function
                                | :? ARecord as a -> string a.Address
                                | other -> string other)
                            |> List.ofSeq
                        )
                    | :? DnsAnswer.Failure as f -> Error f.Message
                    | other -> failtest $"{other}"

                for accepted in
                    [
                        $"tls:{address}!localhost!trust-anchor:{base64 ca.RawData}"
                        $"tls:{address}!trust-anchor:{base64 ca.RawData}"
                        $"tls:{address}!key-fp:{keyPin}"
                        $"tls:{address}!localhost!cert-fp:sha384:{certPin}"
                        $"tls:{address}!localhost!none"
                    ] do
                    Expect.equal (answers accepted) (Ok [ "10.9.8.7" ]) accepted

                let wrongPin = base64 (SHA256.HashData ca.RawData)

                for refused in
                    [
                        $"tls:{address}"
                        $"tls:{address}!localhost"
                        // As upstream, "none" alone is the host name "none", checked against the system's roots.
                        $"tls:{address}!none"
                        $"tls:{address}!key-fp:{wrongPin}"
                        $"tls:{address}!other.test!trust-anchor:{base64 ca.RawData}"
                        $"tls:{address}!other.test!key-fp:{keyPin}"
                    ] do
                    match answers refused with
                    | Error message -> Expect.stringContains message "TLS handshake failed" refused
                    | Ok records -> failtest $"{refused} answered {records}"
        ]
