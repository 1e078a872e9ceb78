/// The http-fetch sample end to end on every target: it fetches from Kestrel over HTTPS through
/// the stack's DNS client (dnsmasq on loopback) and happy eyeballs, trusting a test authority given
/// with --tls-ca, and fails clearly without it, on an unknown name, and on a non-2xx answer; and,
/// configured with --cohttp, through cohttp_client, resolver_dns and conduit_direct ~tls:true.
module Mirage.Tests.Cli.HttpFetchSampleTests

open System
open System.IO
open System.Security.Cryptography
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TestCertificates

/// The peers of an http-fetch run: a test authority, Kestrel serving `size` random bytes over HTTPS
/// with a certificate it signed for fetch.test, and dnsmasq naming fetch.test (IPv4 and IPv6).
type private Peers(size: int) =
    let temp = new TempDir()
    let ca = authority "Mirage test CA"
    let caPem = writePem (Path.Combine(temp.Path, "ca.pem")) ca
    let certificate = serverCertificate ca [ "fetch.test" ]
    let body = RandomNumberGenerator.GetBytes size
    let https = HttpsServer.start (Some certificate) body
    let dns = Dnsmasq.start [ "--host-record=fetch.test,127.0.0.1,::1" ]

    member _.Temp = temp
    member _.CaPem = caPem
    member _.Body = body
    member _.Https = https
    member _.Dns = dns
    member _.Uri = $"https://fetch.test:{https.Port}/data"

    /// The line the sample logs for the body served.
    member _.BodyLine =
        $"body: {body.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData body)}"

    interface IDisposable with
        member _.Dispose() =
            for d in [ dns :> IDisposable; https; certificate; temp ] do
                d.Dispose()

/// A run without --tls-ca: the system roots do not know the test authority, and the log says so.
let private expectRefusedByTheSystemRoots (untrusted: Result) =
    Expect.equal untrusted.ExitCode 1 $"the system roots do not know the test authority\n{untrusted}"

    Expect.stringContains
        untrusted.Stdout
        "WRN [tls] fetch.test: certificate refused: it is not signed by a trusted authority"
        "says why the certificate is refused"

let private fetchOn target =
    testList
        target
        [
            testCase
                "http-fetch gets a body over h2 through DNS and happy eyeballs, trusting --tls-ca; fails clearly otherwise"
            <| fun () ->
                let binary = build "http-fetch" target
                checkBinary target binary
                let dir = sampleDir "http-fetch"
                use peers = new Peers(1_000_000)

                let temp, caPem, body, https, dns, uri =
                    peers.Temp, peers.CaPem, peers.Body, peers.Https, peers.Dns, peers.Uri

                let fetch args =
                    run dir binary ($"--dns-servers={dns.Udp}" :: args)

                let fetched = fetch [ $"--tls-ca={caPem}"; $"--uri={uri}" ]
                Expect.equal fetched.ExitCode 0 $"exit code\n{fetched}"
                let messages, _ = logged fetched

                Expect.equal
                    messages
                    [| $"fetching {uri}"; "status 200 OK over HTTP/2"; peers.BodyLine |]
                    "status, h2, and the hash of the bytes served"

                Expect.equal https.Protocols [ "HTTP/2" ] "the server saw one h2 request"

                use clear = HttpsServer.start None body
                let plain = fetch [ $"--uri=http://fetch.test:{clear.Port}/data" ]
                Expect.equal plain.ExitCode 0 $"in clear\n{plain}"
                let plainMessages, _ = logged plain
                Expect.equal plainMessages[1] "status 200 OK over HTTP/1.1" "HTTP/1.1 in clear"
                Expect.equal plainMessages[2] messages[2] "the same bytes"

                let missing =
                    fetch [ $"--tls-ca={caPem}"; $"--uri=https://fetch.test:{https.Port}/missing" ]

                Expect.equal missing.ExitCode 2 $"a 404 is not a success\n{missing}"
                Expect.stringContains missing.Stdout "status 404 Not Found over HTTP/2" "logs the status"
                Expect.stringContains missing.Stdout "answered 404 Not Found, not a success (2xx)" "says why it fails"

                let untrusted = fetch [ $"--uri={uri}" ]
                expectRefusedByTheSystemRoots untrusted

                Expect.stringContains
                    untrusted.Stdout
                    $"fetching {uri} failed: the TLS handshake failed"
                    "and that it failed"

                Expect.equal https.Protocols.Length 2 "no request got through the refused handshake"

                let unknown = fetch [ $"--tls-ca={caPem}"; "--uri=https://nothing.test/" ]
                Expect.equal unknown.ExitCode 1 $"an unknown name\n{unknown}"

                Expect.stringContains
                    unknown.Stdout
                    "fetching https://nothing.test/ failed: cannot connect to nothing.test:443: connecting to nothing.test failed: nothing.test does not exist"
                    "says the name does not exist"

                let notPem = temp.Write "notes.txt" "no certificate"
                let badCa = fetch [ $"--tls-ca={notPem}"; $"--uri={uri}" ]
                Expect.equal badCa.ExitCode 64 $"a --tls-ca that holds no certificate\n{badCa}"
                Expect.stringContains badCa.Stderr "holds no PEM certificate" "says what is wrong with it"

            testCase
                "http-fetch --cohttp gets a body over HTTP/1.1 and TLS through resolver_dns and conduit_direct ~tls:true"
            <| fun () ->
                let binary = buildWith "config.fsx" [ "--cohttp" ] "http-fetch" target
                checkBinary target binary
                let dir = sampleDir "http-fetch"
                use peers = new Peers(300_000)
                let caPem, https, dns, uri = peers.CaPem, peers.Https, peers.Dns, peers.Uri

                let fetch args =
                    run dir binary ($"--resolver={dns.Udp}" :: args)

                let fetched = fetch [ $"--tls-ca={caPem}"; $"--uri={uri}" ]
                Expect.equal fetched.ExitCode 0 $"exit code\n{fetched}"

                Expect.equal
                    (fst (logged fetched))
                    [| $"fetching {uri}"; "status 200 OK over HTTP/1.1"; peers.BodyLine |]
                    "cohttp speaks HTTP/1.1, over TLS, and gets the bytes served"

                Expect.equal https.Protocols [ "HTTP/1.1" ] "the server saw one HTTP/1.1 request"

                let untrusted = fetch [ $"--uri={uri}" ]
                expectRefusedByTheSystemRoots untrusted

                let paf = fetch [ $"--dns-servers={dns.Udp}"; $"--uri={uri}" ]
                Expect.equal paf.ExitCode 64 $"paf_client's runtime arguments are gone with it\n{paf}"
                Expect.stringContains paf.Stderr "--dns-servers" "names the unknown argument"
        ]

[<Tests>]
let tests = sampleTests "HTTP fetch samples" [ fetchOn "unix"; fetchOn "aot" ]
