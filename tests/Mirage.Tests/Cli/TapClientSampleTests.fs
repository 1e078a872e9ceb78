/// The client samples on our own stack end to end: dns and http-fetch configured with --net=direct, built (unix)
/// and run on a TAP device in a network namespace, with Linux servers inside it as their peers: dnsmasq (over our
/// UDP and TCP) and Python's http.server (over our TCP, in clear and over TLS). tcpdump sees our SYN. Needs root.
module Mirage.Tests.Cli.TapClientSampleTests

open System
open System.Diagnostics
open System.IO
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TapNamespace
open Mirage.Tests.Support.TestCertificates

/// Runs the unikernel `binary` once inside `ns` on `tap` as 10.78.0.2/24 with `args`, to its end.
let private runIn ns tap (binary: string) (args: string list) =
    run "" "ip" (unikernelIn ns tap binary args)

/// The messages of the lines the application logged at info level (the stack's own lines left out).
let private messages (result: Result) =
    result.StdoutLines
    |> Array.choose (fun line ->
        let m = logLine.Match line
        if m.Success then Some m.Groups[2].Value else None)

/// A process started in the background, killed when disposed.
type private Background(proc: Process) =
    member _.Process = proc

    interface IDisposable with
        member _.Dispose() =
            if not proc.HasExited then
                proc.Kill true
                proc.WaitForExit 5000 |> ignore

            proc.Dispose()

/// Python's http.server inside `ns` on 10.78.0.1, serving the files of `root` (HTTP/1.1, with Content-Length)
/// in clear on port 8080 and over TLS (`cert`, `key`; ALPN http/1.1) on port 8443.
let private pythonServer ns (root: string) (cert: string) (key: string) =
    let script =
        """
import functools, http.server, ssl, sys, threading
address, root, cert, key = sys.argv[1:5]
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
handler = functools.partial(Handler, directory=root)
plain = http.server.ThreadingHTTPServer((address, 8080), handler)
secure = http.server.ThreadingHTTPServer((address, 8443), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
context.set_alpn_protocols(["http/1.1"])
secure.socket = context.wrap_socket(secure.socket, server_side=True)
threading.Thread(target=plain.serve_forever, daemon=True).start()
secure.serve_forever()
"""

    let server =
        new Background(
            startQuiet
                "ip"
                [
                    "netns"
                    "exec"
                    ns
                    "/usr/bin/python3"
                    "-c"
                    script
                    "10.78.0.1"
                    root
                    cert
                    key
                ]
        )

    waitAcceptingIn ns "10.78.0.1" 8080 "python3's http.server"
    waitAcceptingIn ns "10.78.0.1" 8443 "python3's http.server over TLS"
    server

/// tcpdump on `tap` inside `ns`, started and capturing (it has said so), until it has seen one SYN from us.
let private captureOurSyn ns (tap: string) =
    let info =
        ProcessStartInfo(
            "ip",
            [
                "netns"
                "exec"
                ns
                "timeout"
                "60"
                "tcpdump"
                "-i"
                tap
                "-n"
                "-v"
                "-l"
                "-c"
                "1"
                "tcp[tcpflags] & tcp-syn != 0 and src host 10.78.0.2"
            ],
            RedirectStandardOutput = true,
            RedirectStandardError = true
        )

    let capture = new Background(Process.Start info)
    let mutable line = capture.Process.StandardError.ReadLine()

    while not (isNull line || line.Contains "listening on") do
        line <- capture.Process.StandardError.ReadLine()

    Expect.isNotNull line "tcpdump is capturing"
    capture

let private dnsDirect =
    testCase "dns with --net=direct on unix: resolves through dnsmasq in the namespace over our UDP and TCP"
    <| fun () ->
        if not (available () && File.Exists "/usr/sbin/dnsmasq") then
            skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv and dnsmasq"

        let binary = buildWith "config.fsx" [ "--net=direct" ] "dns" "unix"

        inTapNamespace "dtap" (fun ns tap ->
            use server = Dnsmasq.startIn ns "10.78.0.1" (acceptsIn ns) []

            let resolve name servers =
                runIn ns tap binary [ $"--domain-name={name}"; $"--dns-servers={servers}" ]

            for servers in [ server.Udp; server.Tcp ] do
                let result = resolve "dual.test" servers
                Expect.equal result.ExitCode 0 $"exit code ({servers})\n{result}"

                Expect.equal
                    (messages result)
                    [| "dual.test: 127.0.0.1"; "dual.test: ::1" |]
                    $"A then AAAA ({servers})\n{result}"

            let alias = resolve "alias.test" server.Udp
            Expect.equal (Array.head (messages alias)) "alias.test: 127.0.0.1" $"through the CNAME\n{alias}"

            let missing = resolve "nothing.test" server.Tcp
            Expect.equal missing.ExitCode 1 $"no address\n{missing}"
            Expect.stringContains missing.Stdout "nothing.test does not exist" "says NXDOMAIN")

let private fetchDirect =
    testCase
        "http-fetch with --net=direct on unix: gets a body from Python's http.server in clear and over TLS; tcpdump sees MSS 1460, wscale 7 and SACK in our SYN"
    <| fun () ->
        if
            not (
                available ()
                && List.forall File.Exists [ "/usr/sbin/dnsmasq"; "/usr/bin/python3"; "/usr/bin/tcpdump" ]
            )
        then
            skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv, dnsmasq, python3 and tcpdump"

        let binary = buildWith "config.fsx" [ "--net=direct" ] "http-fetch" "unix"
        use temp = new TempDir()
        use ca = authority "Mirage test CA"
        use certificate = serverCertificate ca [ "fetch.test" ]
        let caPem = writePem (Path.Combine(temp.Path, "ca.pem")) ca
        let certPem = writePem (Path.Combine(temp.Path, "server.pem")) certificate

        let keyPem =
            temp.Write "server.key" (certificate.GetECDsaPrivateKey().ExportPkcs8PrivateKeyPem())

        // Many windows' worth: the receive window closes and reopens as the client reads.
        let body = RandomNumberGenerator.GetBytes(4 <<< 20)
        let root = Directory.CreateDirectory(Path.Combine(temp.Path, "www")).FullName
        File.WriteAllBytes(Path.Combine(root, "data"), body)

        let bodyLine =
            $"body: {body.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData body)}"

        inTapNamespace "ftap" (fun ns tap ->
            use _dns =
                Dnsmasq.startIn ns "10.78.0.1" (acceptsIn ns) [ "--host-record=fetch.test,10.78.0.1" ]

            use _server = pythonServer ns root certPem keyPem
            use capture = captureOurSyn ns tap

            let fetch uri extra =
                runIn ns tap binary ([ "--dns-servers=udp:10.78.0.1:53"; $"--uri={uri}" ] @ extra)

            let secure = fetch "https://fetch.test:8443/data" [ $"--tls-ca={caPem}" ]
            Expect.equal secure.ExitCode 0 $"over TLS\n{secure}"

            Expect.equal
                (messages secure)
                [|
                    "fetching https://fetch.test:8443/data"
                    "status 200 OK over HTTP/1.1"
                    bodyLine
                |]
                $"http/1.1 by ALPN, and the hash of the bytes served\n{secure}"

            let plain = fetch "http://fetch.test:8080/data" []
            Expect.equal plain.ExitCode 0 $"in clear\n{plain}"
            Expect.equal (Array.last (messages plain)) bodyLine $"the same bytes in clear\n{plain}"

            let missing = fetch "http://fetch.test:8080/missing" []
            Expect.equal missing.ExitCode 2 $"a 404 is not a success\n{missing}"

            let syn = capture.Process.StandardOutput.ReadToEnd()
            capture.Process.WaitForExit()
            Expect.stringContains syn "mss 1460" $"MSS in our SYN: {syn}"
            Expect.stringContains syn "wscale 7" "window scale"
            Expect.stringContains syn "sackOK" "SACK-permitted")

[<Tests>]
let tests =
    testSequenced
    <| testList "Cli.network-direct-clients" [ dnsDirect; fetchDirect ]
