/// The HTTP client side of the runtime against real peers on loopback: the resolvers (dnsmasq, the
/// host's resolver, IP literals), mimic over happy eyeballs, and HttpClients over our flows talking
/// to Kestrel (h2 by ALPN, HTTP/1.1 in clear, trust replaced by given authorities).
module Mirage.Tests.Runtime.HttpClientTests

open System
open System.IO
open System.Net
open System.Net.Http
open System.Net.Sockets
open System.Security.Authentication
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Conduit
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Network.HappyEyeballs
open Mirage.Runtime.Network.HttpClients
open Mirage.Runtime.Network.Mimic
open Mirage.Runtime.Network.Resolver
open Mirage.Runtime.Network.Sockets
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support
open Mirage.Tests.Support.TestCertificates


/// Mimic over happy eyeballs and a DNS client asking `server`.
let private mimicAsking (stack: IStackV4V6) (server: Dnsmasq.Server) =
    let he =
        HappyEyeballs.Connect(stack, Nullable(), Nullable(), Nullable(), Nullable(), Nullable(), Nullable())

    let dns = DnsClient.Connect(stack, he, [| server.Udp |], Nullable(), Nullable())
    Mimic.Connect(stack, he, dns)

let private addresses (result: ResolveResult) =
    Expect.isNull result.Error "resolved"
    result.Addresses |> Seq.map string |> List.ofSeq

let private trustOnly (ca: X509Certificate2) =
    TlsTrust.Only(X509Certificate2Collection(X509CertificateLoader.LoadCertificate(ca.RawData)))

let private sha256 (bytes: byte array) =
    Convert.ToHexStringLower(SHA256.HashData bytes)

let private chain (e: exn) =
    Seq.unfold (fun (e: exn) -> if isNull e then None else Some(e, e.InnerException)) e
    |> List.ofSeq

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Network.HttpClient"
        [
            testCase "resolver_dns: dnsmasq's AAAA and A, IPv6 first; CNAMEs followed; NXDOMAIN and IP literals"
            <| fun () ->
                use server = Dnsmasq.start []
                let resolver = DnsResolver.Connect(Loopback.stack (), [| server.Udp |])

                let resolve (host: string) =
                    resolver.ResolveAsync(host).AsTask().Result

                Expect.equal (addresses (resolve "dual.test")) [ "::1"; "127.0.0.1" ] "both families, IPv6 first"
                Expect.equal (addresses (resolve "alias.test")) [ "127.0.0.1" ] "through the CNAME"
                let missing = resolve "nothing.test"
                Expect.isNull missing.Addresses "no address"
                Expect.stringContains missing.Error "nothing.test does not exist" "says NXDOMAIN"
                // Nobody answers at this port: literals must not be looked up at all.
                let silent =
                    DnsResolver.Connect(Loopback.stack (), [| $"udp:127.0.0.1:{Loopback.freePort ()}" |])

                for literal, expected in [ "192.0.2.7", "192.0.2.7"; "[2001:db8::1]", "2001:db8::1"; "::1", "::1" ] do
                    Expect.equal (addresses (silent.ResolveAsync(literal).AsTask().Result)) [ expected ] literal

                Expect.throwsT<ArgumentException>
                    (fun () -> DnsResolver.Connect(Loopback.stack (), [| "dns.example" |]) |> ignore)
                    "a nameserver not in udp:IP[:PORT] syntax"

            testCase
                "resolver_unix_system: localhost through the host's resolver, literals as they are, a clear error for .invalid"
            <| fun () ->
                let resolve (host: string) =
                    SystemResolver.Instance.ResolveAsync(host).AsTask().Result

                Expect.contains (addresses (resolve "localhost")) "127.0.0.1" "localhost"
                Expect.equal (addresses (resolve "10.0.0.1")) [ "10.0.0.1" ] "a literal"
                let missing = resolve "nothing.invalid"
                Expect.isNull missing.Addresses "no address"
                Expect.stringContains missing.Error "nothing.invalid" "names the host"

            testCase "IpLiteral takes dotted quads and IPv6, not the legacy numeric forms"
            <| fun () ->
                for text in [ "1.2.3.4"; "::1"; "[fe80::1]"; "2001:db8::" ] do
                    Expect.isTrue (fst (IpLiteral.TryParse text)) text

                for text in [ "1.2"; "3232235777"; "example.org"; "[1.2.3.4]"; "" ] do
                    Expect.isFalse (fst (IpLiteral.TryParse text)) text

            testCase
                "mimic connects to a name through happy eyeballs and the DNS client; unknown names and bad ports are errors"
            <| fun () ->
                use listener = new TcpListener(IPAddress.Loopback, 0)
                listener.Start()
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port
                use server = Dnsmasq.start []
                let mimic = mimicAsking (Loopback.stack ()) server
                let connected = mimic.ConnectAsync("web.test", port).AsTask().Result
                Expect.isNull connected.Error "connected"
                Expect.equal (string connected.Flow.Destination) $"127.0.0.1:{port}" "to web.test's address"
                use accepted = listener.AcceptSocket()

                Expect.equal
                    (accepted.RemoteEndPoint :?> IPEndPoint).Port
                    connected.Flow.Source.Port
                    "the same connection"

                connected.Flow.CloseAsync().AsTask().Wait()
                let missing = mimic.ConnectAsync("nothing.test", port).AsTask().Result
                Expect.isNull missing.Flow "no flow"
                Expect.stringContains missing.Error "nothing.test does not exist" "why"
                let badPort = mimic.ConnectAsync("web.test", 70000).AsTask().Result
                Expect.stringContains badPort.Error "70000 is not between 1 and 65535" "a port out of range"

            testCase "paf_client's HttpClient over mimic: h2 by ALPN against Kestrel, trusting only the test authority"
            <| fun () ->
                let ca = authority "Mirage test CA"
                use certificate = serverCertificate ca [ "web.test" ]
                let body = RandomNumberGenerator.GetBytes 300_000
                use https = HttpsServer.start (Some certificate) body
                use dns = Dnsmasq.start []
                let mimic = mimicAsking (Loopback.stack ()) dns

                use client =
                    FlowHttpClients.Create(mimic.AsConnectHost(), trustOnly ca, HttpProtocolPolicy.Http2ByAlpn)

                use response = client.GetAsync($"https://web.test:{https.Port}/data").Result
                Expect.equal response.StatusCode HttpStatusCode.OK "200"
                Expect.equal response.Version HttpVersion.Version20 "h2 negotiated by ALPN"
                Expect.equal (sha256 (response.Content.ReadAsByteArrayAsync().Result)) (sha256 body) "the bytes served"
                use missing = client.GetAsync($"https://web.test:{https.Port}/missing").Result
                Expect.equal missing.StatusCode HttpStatusCode.NotFound "a 404 is an answer"
                Expect.equal https.Protocols [ "HTTP/2"; "HTTP/2" ] "the server saw h2"

            testCase
                "the same client in clear speaks HTTP/1.1; the system roots and another authority refuse the test certificate"
            <| fun () ->
                let ca = authority "Mirage test CA"
                use certificate = serverCertificate ca [ "web.test" ]
                let body = RandomNumberGenerator.GetBytes 1000
                use clear = HttpsServer.start None body
                use https = HttpsServer.start (Some certificate) body
                use dns = Dnsmasq.start []
                let mimic = mimicAsking (Loopback.stack ()) dns

                use client =
                    FlowHttpClients.Create(mimic.AsConnectHost(), TlsTrust.System, HttpProtocolPolicy.Http2ByAlpn)

                use plain = client.GetAsync($"http://web.test:{clear.Port}/data").Result
                Expect.equal plain.Version HttpVersion.Version11 "HTTP/1.1 in clear"
                Expect.equal (plain.Content.ReadAsByteArrayAsync().Result) body "the bytes served"

                let refused (client: HttpClient) =
                    let e =
                        Expect.throwsC (fun () -> client.GetAsync($"https://web.test:{https.Port}/data").Wait()) id

                    Expect.isTrue
                        (chain e |> List.exists (fun e -> e :? AuthenticationException))
                        $"a TLS authentication failure: {e}"

                    Expect.stringContains (HttpFailure.Describe(e.InnerException)) "TLS handshake failed" "described"

                refused client

                use other =
                    FlowHttpClients.Create(
                        mimic.AsConnectHost(),
                        trustOnly (authority "Another CA"),
                        HttpProtocolPolicy.Http2ByAlpn
                    )

                refused other
                // A certificate from the right authority for another name is refused as well.
                use wrongName = serverCertificate ca [ "other.test" ]
                use misnamed = HttpsServer.start (Some wrongName) body

                use trusting =
                    FlowHttpClients.Create(mimic.AsConnectHost(), trustOnly ca, HttpProtocolPolicy.Http2ByAlpn)

                Expect.throwsC (fun () -> trusting.GetAsync($"https://web.test:{misnamed.Port}/data").Wait()) (fun e ->
                    Expect.isTrue (chain e |> List.exists (fun e -> e :? AuthenticationException)) "name checked")

                Expect.equal clear.Protocols [ "HTTP/1.1" ] "the clear server saw HTTP/1.1"
                Expect.isEmpty https.Protocols "no request got through an untrusted handshake"

            testCase
                "cohttp_client over a resolver and a TLS conduit, HTTP/1.1 only: TLS checked; a connect failure is described; a conduit without TLS refuses https"
            <| fun () ->
                let ca = authority "Mirage test CA"
                use certificate = serverCertificate ca [ "web.test" ]
                let body = RandomNumberGenerator.GetBytes 5000
                use https = HttpsServer.start (Some certificate) body
                use dns = Dnsmasq.start []
                let stack = Loopback.stack ()
                let resolver = DnsResolver.Connect(stack, [| dns.Udp |])

                let tcp = TcpConduit.Connect stack
                use client = CohttpClient.Create(resolver, TlsConduit.Connect tcp, trustOnly ca)

                use response = client.GetAsync($"https://web.test:{https.Port}/data").Result
                Expect.equal response.Version HttpVersion.Version11 "HTTP/1.1 over TLS"
                Expect.equal (response.Content.ReadAsByteArrayAsync().Result) body "the bytes served"

                let e =
                    Expect.throwsC (fun () -> client.GetAsync("https://nothing.test/").Wait()) id

                Expect.stringContains
                    (HttpFailure.Describe(e.InnerException))
                    "cannot connect to nothing.test:443: nothing.test does not exist"
                    "the name does not resolve"

                let closed = Loopback.freePort ()

                let e =
                    Expect.throwsC (fun () -> client.GetAsync($"http://127.0.0.1:{closed}/").Wait()) id

                Expect.stringContains
                    (HttpFailure.Describe(e.InnerException))
                    $"cannot connect to 127.0.0.1:{closed}: 127.0.0.1:{closed}: refused"
                    "nobody listens"

                use clearOnly = CohttpClient.Create(resolver, tcp, trustOnly ca)

                let e =
                    Expect.throwsC (fun () -> clearOnly.GetAsync($"https://web.test:{https.Port}/data").Wait()) id

                Expect.stringContains
                    (HttpFailure.Describe(e.InnerException))
                    "https needs TLS, but this conduit has none: make it with conduit_direct ~tls:true"
                    "names the fix"

            testCase "--tls-ca reads PEM authorities and says what is wrong with a file that holds none"
            <| fun () ->
                use temp = new Processes.TempDir()
                let ca = authority "Mirage test CA"
                let pem = writePem (Path.Combine(temp.Path, "ca.pem")) ca
                let trust = HttpClientArgs.Trust(pem)
                Expect.equal trust.Roots.Count 1 "one authority"
                Expect.equal trust.Roots[0].Thumbprint ca.Thumbprint "the same"
                Expect.isNull (HttpClientArgs.Trust(null).Roots) "the system roots by default"
                let text = temp.Write "notes.txt" "no certificate here"

                Expect.throwsC (fun () -> HttpClientArgs.Trust(text) |> ignore) (fun e ->
                    Expect.stringContains e.Message "holds no PEM certificate" "why")

                Expect.throwsC
                    (fun () -> HttpClientArgs.Trust(Path.Combine(temp.Path, "absent.pem"), "web") |> ignore)
                    (fun e -> Expect.stringContains e.Message "--web-tls-ca: cannot read" "which argument, why")
        ]
