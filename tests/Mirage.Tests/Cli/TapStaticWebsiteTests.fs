/// The static_website_tls sample on our own stack end to end: configured with --net=direct, built (unix) and run
/// on a TAP device in a network namespace; Linux's curl, inside the namespace, gets its pages over TLS with ALPN
/// (h2 and http/1.1) and its redirects over plain HTTP: the same checks as over host sockets. Needs root.
module Mirage.Tests.Cli.TapStaticWebsiteTests

open System.IO
open System.Security.Cryptography
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TapNamespace
open Mirage.Tests.Cli.NetworkSampleTests
open Mirage.Tests.Cli.StaticWebsiteTlsSampleTests

let private name = "static_website_tls"

/// curl inside `ns`, every connection going to 10.78.0.2 whatever the URL's host (so `localhost`, the name of
/// the site's certificate, and 127.0.0.1 reach the unikernel); expects success, returns its output with LF ends.
let private curlToUs ns (args: string list) =
    let curl =
        inNamespace
            ns
            "curl"
            ([
                "--silent"
                "--show-error"
                "--max-time"
                "30"
                "--connect-to"
                "::10.78.0.2:"
             ]
             @ args)

    Expect.equal curl.ExitCode 0 $"curl {args}\n{curl}"
    curl.Stdout.Replace("\r\n", "\n")

let private websiteDirect =
    testCase
        "static_website_tls with --net=direct on unix: Linux's curl gets its pages over TLS (h2 and http/1.1 by ALPN) and its redirects"
    <| fun () ->
        if not (available () && File.Exists "/usr/bin/curl") then
            skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv and curl"

        use temp = new TempDir()
        use caDir = new TempDir()
        let ca = prepare temp.Path caDir.Path
        // A file of many segments: TLS records cut across TCP segments and windows, both ways of ALPN.
        let big = RandomNumberGenerator.GetBytes(3 <<< 20)
        File.WriteAllBytes(Path.Combine(temp.Path, "htdocs", "big.bin"), big)
        let binary = configureAndBuild temp.Path name "unix" [ "--net=direct" ]
        let index = File.ReadAllText(Path.Combine(temp.Path, "htdocs", "index.html"))

        inTapNamespace "stap" (fun ns tap ->
            use service =
                new Service("ip", unikernelIn ns tap binary [ "--http=8080"; "--https=8443" ], temp.Path)

            service.WaitFor "listening on TCP port 8443: HTTPS"
            service.WaitFor "listening on TCP port 8080: HTTP/1.1"
            expectServes (curlToUs ns) ca 8080 8443 index

            for version, options in [ "2", []; "1.1", [ "--http1.1" ] ] do
                let saved = Path.Combine(temp.Path, $"big-{version}.bin")

                let protocol =
                    curlToUs
                        ns
                        (options
                         @ [
                             "--cacert"
                             ca
                             "-o"
                             saved
                             "-w"
                             "%{http_version}"
                             "https://localhost:8443/big.bin"
                         ])

                Expect.equal protocol version $"HTTP/{version} by ALPN"
                Expect.isTrue (File.ReadAllBytes saved = big) $"big.bin byte-exact over HTTP/{version}"

            Expect.isEmpty service.Complaints $"no error or warning\n{service.Output}"
            Expect.equal (service.Stop()) 130 "stops on SIGINT")

[<Tests>]
let tests = testSequenced <| testList "Cli.network-direct-tls" [ websiteDirect ]
