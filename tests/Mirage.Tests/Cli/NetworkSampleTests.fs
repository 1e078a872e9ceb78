/// The network samples end to end on every target: a unikernel serving on loopback, driven by real
/// clients (sockets, curl), checked by what it logs and answers.
module Mirage.Tests.Cli.NetworkSampleTests

open System
open System.Collections.Concurrent
open System.Diagnostics
open System.Net
open System.Net.Sockets
open System.Security.Cryptography
open System.Security.Cryptography.X509Certificates
open System.Text
open System.IO
open System.Threading
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.Loopback

/// A unikernel running in the background (in `workingDirectory`, by default the tests'), its
/// output collected line by line.
type Service(binary: string, args: string list, ?workingDirectory: string) =
    let lines = ConcurrentQueue<string>()

    let proc =
        // SIGINT at its default, so that Stop works however the tests were launched.
        let file, args = withDefaultSigint binary args

        let info =
            ProcessStartInfo(
                file,
                args,
                WorkingDirectory = defaultArg workingDirectory "",
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false
            )

        let p = new Process(StartInfo = info)

        p.OutputDataReceived.Add(fun e ->
            if not (isNull e.Data) then
                lines.Enqueue e.Data)

        p.ErrorDataReceived.Add(fun e ->
            if not (isNull e.Data) then
                lines.Enqueue e.Data)

        p.Start() |> ignore
        p.BeginOutputReadLine()
        p.BeginErrorReadLine()
        p

    member _.Lines = List.ofSeq lines
    member _.Output = String.Join("\n", lines)

    /// The lines logged at error or warning level.
    member _.Complaints =
        lines
        |> Seq.filter (fun l -> l.Contains " ERR " || l.Contains " WRN ")
        |> List.ofSeq

    /// Its resident memory now, in MB (VmRSS).
    member _.RssMegabytes =
        File.ReadAllLines $"/proc/{proc.Id}/status"
        |> Array.find _.StartsWith("VmRSS:")
        |> fun line -> int64 (line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024L

    /// The processor time it has used so far.
    member _.ProcessorTime =
        proc.Refresh()
        proc.TotalProcessorTime

    /// Waits (up to 20 s) for a line containing `text`.
    member this.WaitFor(text: string) =
        let clock = Stopwatch.StartNew()

        while not (lines |> Seq.exists _.Contains(text))
              && clock.Elapsed < TimeSpan.FromSeconds 20.0 do
            if proc.HasExited then
                failwith $"the service exited ({proc.ExitCode}) before logging '{text}':\n{this.Output}"

            Thread.Sleep 20

        Expect.isTrue (lines |> Seq.exists _.Contains(text)) $"logged '{text}':\n{this.Output}"

    /// Waits (up to 30 s) for the service to exit by itself and returns its exit code.
    member _.ExitCode() =
        Expect.isTrue (proc.WaitForExit 30000) "it exits by itself"
        proc.WaitForExit()
        proc.ExitCode

    /// Stops the service with SIGINT and returns its exit code.
    member _.Stop() =
        if not proc.HasExited then
            signal "INT" proc.Id

        if not (proc.WaitForExit 10000) then
            proc.Kill true

        proc.WaitForExit()
        proc.ExitCode

    interface IDisposable with
        member this.Dispose() =
            if not proc.HasExited then
                proc.Kill true

            proc.Dispose()

/// Connects, sends `text`, and reads until the service closes the connection.
let private sendAndWaitForClose (address: IPAddress) port (text: string) =
    use client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
    client.Connect(IPEndPoint(address, port))
    client.Send(Encoding.ASCII.GetBytes text) |> ignore
    let buffer = Array.zeroCreate<byte> 16
    client.ReceiveTimeout <- 10000
    let received = client.Receive buffer
    Expect.equal received 0 "the service closed the connection without answering"
    (client.LocalEndPoint :?> IPEndPoint).Port

let private networkOn target =
    testList
        target
        [
            testCase
                "--net=direct is our own stack, --net=host the socket stack, another value refused with the choices"
            <| fun () ->
                let dir = sampleDir "network"
                let refused = mirage dir [ "configure"; "-t"; target; "--net=tcpip" ]
                Expect.notEqual refused.ExitCode 0 "configure fails"

                Expect.stringContains
                    (refused.Stdout + refused.Stderr)
                    "expected socket, host or direct"
                    $"names the choices\n{refused}"

                let direct = mirage dir [ "configure"; "-t"; target; "--net=direct" ]
                Expect.equal direct.ExitCode 0 $"direct is accepted\n{direct}"
                let main = File.ReadAllText(Path.Combine(dir, "mirage", "main.cs"))
                Expect.stringContains main "Mirage.Runtime.Tcpip.Devices.DirectStackV4V6.Connect" "our stack"
                Expect.isFalse (main.Contains "Sockets.SocketStack") "not the socket stack"
                let host = mirage dir [ "configure"; "-t"; target; "--net=host" ]
                Expect.equal host.ExitCode 0 $"host is accepted\n{host}"
                let main = File.ReadAllText(Path.Combine(dir, "mirage", "main.cs"))
                Expect.stringContains main "Mirage.Runtime.Network.Sockets.SocketStack.Connect" "the socket stack"

            testCase "network logs each connection's peer over IPv4 and IPv6, reads once, closes"
            <| fun () ->
                let binary = build "network" target
                checkBinary target binary
                let port = freePort ()
                use service = new Service(binary, [ $"--port={port}" ])
                service.WaitFor $"listening on TCP port {port}"
                let v4Port = sendAndWaitForClose IPAddress.Loopback port "hello over IPv4"
                service.WaitFor "read 15 bytes: hello over IPv4"
                service.WaitFor $"new tcp connection from IP 127.0.0.1 on port {v4Port}"
                let v6Port = sendAndWaitForClose IPAddress.IPv6Loopback port "hello over IPv6"
                service.WaitFor $"new tcp connection from IP ::1 on port {v6Port}"
                service.WaitFor "read 15 bytes: hello over IPv6"
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase "network with --ipv4-only does not answer on IPv6; a port in use is a clear error, exit 1"
            <| fun () ->
                let binary = Path.Combine(sampleDir "network", "dist", "network")
                let port = freePort ()
                use service = new Service(binary, [ $"--port={port}"; "--ipv4-only" ])
                service.WaitFor $"listening on TCP port {port}"

                use v6 =
                    new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp)

                Expect.throwsT<SocketException>
                    (fun () -> v6.Connect(IPEndPoint(IPAddress.IPv6Loopback, port)))
                    "IPv6 is off"

                use second = new Service(binary, [ $"--port={port}" ])
                Expect.equal (second.ExitCode()) 1 "the second instance fails"
                Expect.stringContains second.Output $"cannot listen on TCP port {port}: address already in use" "why"
                sendAndWaitForClose IPAddress.Loopback port "still here" |> ignore
                service.WaitFor "read 10 bytes: still here"
                Expect.equal (service.Stop()) 130 "the first instance kept serving"
        ]

/// A self-signed certificate for localhost and 127.0.0.1, written as PEM files; returns their paths.
let private writeCertificate (dir: string) =
    use key = ECDsa.Create(ECCurve.NamedCurves.nistP256)
    let request = CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256)
    let names = SubjectAlternativeNameBuilder()
    names.AddDnsName "localhost"
    names.AddIpAddress IPAddress.Loopback
    request.CertificateExtensions.Add(names.Build())

    use certificate =
        request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours -1.0, DateTimeOffset.UtcNow.AddDays 1.0)

    let certPath = Path.Combine(dir, "cert.pem")
    let keyPath = Path.Combine(dir, "key.pem")
    File.WriteAllText(certPath, certificate.ExportCertificatePem())
    File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem())
    certPath, keyPath

/// Runs curl; returns its exit code and standard output (as bytes through a file, for bodies).
let private curl (args: string list) =
    let info =
        ProcessStartInfo("curl", "--silent" :: "--show-error" :: "--max-time" :: "30" :: args)

    info.RedirectStandardOutput <- true
    info.RedirectStandardError <- true
    use p = Process.Start info
    let out = p.StandardOutput.ReadToEndAsync()
    let err = p.StandardError.ReadToEnd()
    p.WaitForExit()
    p.ExitCode, out.Result, err

let private sha256Hex (bytes: byte array) =
    Convert.ToHexStringLower(SHA256.HashData bytes)

/// A socket to 127.0.0.1:`port` that has sent `request`.
let private sent port (request: string) =
    let client =
        new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)

    client.Connect(IPEndPoint(IPAddress.Loopback, port))
    client.Send(Encoding.ASCII.GetBytes request) |> ignore
    client

/// Sends `request` to `port` on a raw socket and returns the beginning of the answer.
let private rawAnswer port (request: string) =
    use client = sent port request
    let answer = Array.zeroCreate<byte> 256
    client.ReceiveTimeout <- 10000
    let n = client.Receive answer
    Encoding.ASCII.GetString(answer, 0, n)

/// The built http sample with HTTP/1.1 on `port`, h2c on `h2cPort` and `args`, once it listens.
let private httpSample port h2cPort (args: string list) =
    let binary = Path.Combine(sampleDir "http", "dist", "http")

    let service =
        new Service(binary, $"--port={port}" :: $"--h2c-port={h2cPort}" :: args)

    service.WaitFor $"listening on TCP port {h2cPort}"
    service

let private httpOn target =
    testList
        target
        [
            testCase "http answers /, /random, /hash and /transmit over HTTP/1.1, h2c, and TLS with ALPN"
            <| fun () ->
                let binary = build "http" target
                checkBinary target binary
                use temp = new Mirage.Tests.Support.Processes.TempDir()
                let certPath, keyPath = writeCertificate temp.Path
                let port = freePort ()
                let h2cPort = freePort ()
                let tlsPort = freePort ()

                use service =
                    new Service(
                        binary,
                        [
                            $"--port={port}"
                            $"--h2c-port={h2cPort}"
                            $"--tls-port={tlsPort}"
                            $"--cert={certPath}"
                            $"--key={keyPath}"
                        ]
                    )

                service.WaitFor $"serving HTTP on port {port}, h2c on port {h2cPort}, HTTPS on port {tlsPort}"
                service.WaitFor $"INF [http] listening on TCP port {port}: HTTP/1.1"
                service.WaitFor $"INF [http] listening on TCP port {h2cPort}: h2c"
                service.WaitFor $"INF [http] listening on TCP port {tlsPort}: HTTPS (h2, http/1.1 by ALPN)"
                let plain = $"http://127.0.0.1:{port}"
                let secure = $"https://localhost:{tlsPort}"
                let version = [ "--write-out"; "\n%{http_version}" ]

                for (url, flags, expectedVersion) in
                    [
                        plain, [ "--http1.1" ], "1.1"
                        $"http://[::1]:{port}", [ "--http1.1" ], "1.1"
                        $"http://127.0.0.1:{h2cPort}", [ "--http2-prior-knowledge" ], "2"
                        secure, [ "--cacert"; certPath ], "2"
                        secure, [ "--cacert"; certPath; "--http1.1" ], "1.1"
                    ] do
                    let code, out, err = curl (flags @ version @ [ url + "/" ])
                    Expect.equal code 0 $"curl {flags} {url}: {err}"
                    Expect.equal out $"Hello World!\n\n{expectedVersion}" $"text and protocol of {url} {flags}"

                    let length = 1_000_000
                    let randomFile = Path.Combine(temp.Path, "random.bin")

                    let code, _, err =
                        curl (
                            flags
                            @ [
                                "-H"
                                $"x-length: {length}"
                                "-H"
                                "x-seed: 42"
                                "-o"
                                randomFile
                                url + "/random"
                            ]
                        )

                    Expect.equal code 0 $"/random: {err}"
                    let random = File.ReadAllBytes randomFile
                    Expect.equal random.Length length "x-length bytes"

                    let code, hash, err =
                        curl (flags @ [ "-H"; $"x-length: {length}"; "-H"; "x-seed: 42"; url + "/hash" ])

                    Expect.equal code 0 $"/hash: {err}"
                    Expect.equal hash (sha256Hex random) "/hash is the SHA-256 of /random's bytes"
                    let body = Path.Combine(temp.Path, "body.bin")
                    File.WriteAllBytes(body, RandomNumberGenerator.GetBytes 4_000_000)
                    let echoed = Path.Combine(temp.Path, "echo.bin")

                    let code, _, err =
                        curl (flags @ [ "--data-binary"; $"@{body}"; "-o"; echoed; url + "/transmit" ])

                    Expect.equal code 0 $"/transmit: {err}"

                    Expect.equal
                        (sha256Hex (File.ReadAllBytes echoed))
                        (sha256Hex (File.ReadAllBytes body))
                        "echoed intact"

                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase "http survives bad input: malformed requests, a client leaving mid-body, an untrusted certificate"
            <| fun () ->
                let binary = Path.Combine(sampleDir "http", "dist", "http")
                use temp = new Mirage.Tests.Support.Processes.TempDir()
                let certPath, keyPath = writeCertificate temp.Path
                let port = freePort ()
                let tlsPort = freePort ()

                use service =
                    new Service(
                        binary,
                        [
                            $"--port={port}"
                            $"--h2c-port={freePort ()}"
                            $"--tls-port={tlsPort}"
                            $"--cert={certPath}"
                            $"--key={keyPath}"
                        ]
                    )

                service.WaitFor $"INF [http] listening on TCP port {tlsPort}"
                // Malformed: not HTTP at all. Kestrel answers 400 and the log says why.
                Expect.stringStarts (rawAnswer port "NONSENSE\r\n\r\n") "HTTP/1.1 400" "a 400 answer"
                service.WaitFor "WRN [http]"
                // A client that promises a large body and leaves half way.
                use leaving =
                    sent port "POST /transmit HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n0123456789"

                Thread.Sleep 200
                leaving.Close()
                // A client that does not trust the certificate: the handshake fails on both sides.
                let code, _, _ = curl [ $"https://localhost:{tlsPort}/" ]
                Expect.equal code 60 "curl refuses the unknown certificate"
                service.WaitFor "WRN [http] Failed to authenticate HTTPS connection"
                // And the service goes on serving.
                let code, out, err = curl [ "--cacert"; certPath; $"https://localhost:{tlsPort}/" ]
                Expect.equal (code, out) (0, "Hello World!\n") $"still serving: {err}"
                let code, out, err = curl [ $"http://127.0.0.1:{port}/" ]
                Expect.equal (code, out) (0, "Hello World!\n") $"still serving: {err}"
                // The client that left mid-body is nobody's error: at most a debug line.
                Expect.isFalse (service.Output.Contains " ERR ") $"no error logged\n{service.Output}"
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase
                "http: clients leaving mid-response (100 kB of 300 MB, then a reset) cost no memory and log no error; it stops at once"
            <| fun () ->
                let port = freePort ()
                let h2cPort = freePort ()
                use service = httpSample port h2cPort []
                let headers = "x-length: 300000000\r\nx-seed: 1\r\n"

                let code, out, err =
                    curl
                        [
                            "-H"
                            "x-length: 1000000"
                            "-H"
                            "x-seed: 1"
                            $"http://127.0.0.1:{port}/random"
                        ]

                Expect.equal (code, out.Length > 0) (0, true) $"a whole response first: {err}"
                let before = service.RssMegabytes

                let leaveHttp1 () =
                    use client =
                        new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)

                    client.Connect(IPEndPoint(IPAddress.Loopback, port))

                    client.Send(Encoding.ASCII.GetBytes $"GET /random HTTP/1.1\r\nHost: x\r\n{headers}\r\n")
                    |> ignore

                    client.ReceiveTimeout <- 20000
                    let buffer = Array.zeroCreate<byte> 65536
                    let mutable total = 0

                    while total < 100_000 do
                        let n = client.Receive buffer
                        Expect.isGreaterThan n 0 "the response goes on"
                        total <- total + n

                    client.LingerState <- LingerOption(true, 0)
                    client.Close()

                let leaveH2c () =
                    curlLeaving
                        [
                            "--http2-prior-knowledge"
                            "-H"
                            "x-length: 300000000"
                            "-H"
                            "x-seed: 1"
                            $"http://127.0.0.1:{h2cPort}/random"
                        ]
                        100_000

                // Bounded: 400 HTTP/1.1 clients and 100 h2c ones, eight at a time.
                let clients = [ for i in 1..500 -> if i % 5 = 0 then leaveH2c else leaveHttp1 ]

                Threading.Tasks.Parallel.ForEach(
                    clients,
                    Threading.Tasks.ParallelOptions(MaxDegreeOfParallelism = 8),
                    (fun leave -> leave ())
                )
                |> ignore

                Thread.Sleep 2000
                let after = service.RssMegabytes
                Expect.isLessThan (after - before) 50L $"resident memory grew from {before} MB to {after} MB"
                Expect.equal service.Complaints [] "no error or warning at the default level"
                let code, out, err = curl [ $"http://127.0.0.1:{port}/" ]
                Expect.equal (code, out) (0, "Hello World!\n") $"still serving: {err}"
                let clock = Stopwatch.StartNew()
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"
                Expect.isLessThan clock.Elapsed (TimeSpan.FromSeconds 3.0) "no response left to wait for"

            testCase "http: /hash stops computing when its client leaves"
            <| fun () ->
                let port = freePort ()
                use service = httpSample port (freePort ()) []

                let started = service.ProcessorTime

                // A terabyte to hash: hours of work for nobody once the client is gone.
                use client =
                    sent port "GET /hash HTTP/1.1\r\nHost: x\r\nx-length: 1000000000000\r\nx-seed: 1\r\n\r\n"

                // The client leaves once the server is busy hashing.
                let clock = Stopwatch.StartNew()

                while service.ProcessorTime - started < TimeSpan.FromSeconds 0.3
                      && clock.Elapsed < TimeSpan.FromSeconds 30.0 do
                    Thread.Sleep 50

                Expect.isGreaterThanOrEqual (service.ProcessorTime - started) (TimeSpan.FromSeconds 0.3) "it hashes"
                client.Close()
                // Hours of hashing would keep a core busy: the server goes idle instead, once it has seen
                // the client leave (a moment, or seconds under load), and stays so.
                clock.Restart()
                let mutable last = service.ProcessorTime
                let mutable idle = false

                while not idle && clock.Elapsed < TimeSpan.FromSeconds 30.0 do
                    Thread.Sleep 500
                    let now = service.ProcessorTime
                    idle <- now - last < TimeSpan.FromSeconds 0.05
                    last <- now

                Expect.isTrue idle "an idle server: the hashing stopped"
                Thread.Sleep 1000

                Expect.isLessThan (service.ProcessorTime - last) (TimeSpan.FromSeconds 0.1) "and it stays idle"
                Expect.equal service.Complaints [] "no error or warning"
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase "http: /transmit answers 413 over --max-request-body-size and 400 for a malformed chunked body"
            <| fun () ->
                use temp = new Mirage.Tests.Support.Processes.TempDir()
                let port = freePort ()
                use service = httpSample port (freePort ()) [ "--max-request-body-size=100000" ]
                let url = $"http://127.0.0.1:{port}/transmit"

                let status (flags: string list) (size: int) =
                    let body = Path.Combine(temp.Path, $"body-{size}.bin")
                    File.WriteAllBytes(body, RandomNumberGenerator.GetBytes size)
                    let echoed = Path.Combine(temp.Path, "echo.bin")

                    let code, out, err =
                        curl (flags @ [ "--data-binary"; $"@{body}"; "-o"; echoed; "-w"; "%{http_code}"; url ])

                    Expect.equal code 0 $"curl {flags}: {err}"

                    let intact =
                        File.Exists echoed
                        && sha256Hex (File.ReadAllBytes echoed) = sha256Hex (File.ReadAllBytes body)

                    out, intact

                let chunked = [ "-H"; "Transfer-Encoding: chunked" ]
                Expect.equal (status [] 50_000) ("200", true) "a body under the limit is echoed"
                Expect.equal (status chunked 50_000) ("200", true) "a chunked body under the limit is echoed"
                Expect.equal (fst (status [] 200_000)) "413" "a body over the limit"
                Expect.equal (fst (status chunked 200_000)) "413" "a chunked body over the limit"

                let malformed =
                    "POST /transmit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\nworld\r\n0\r\n\r\n"

                Expect.stringStarts (rawAnswer port malformed) "HTTP/1.1 400" "a malformed chunked body"
                Expect.isFalse (service.Output.Contains " ERR ") $"no error logged\n{service.Output}"
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase "http refuses ports out of 1..65535 with exit 64, before serving"
            <| fun () ->
                let binary = Path.Combine(sampleDir "http", "dist", "http")

                for bad in [ "--port=99999"; "--port=-1"; "--port=0"; "--h2c-port=65536"; "--tls-port=0" ] do
                    use service = new Service(binary, [ bad ])
                    Expect.equal (service.ExitCode()) 64 $"{bad}\n{service.Output}"
                    Expect.stringContains service.Output "expected a port from 1 to 65535" "why"
                    Expect.isFalse (service.Output.Contains "serving") "nothing served"

            testCase "http exits with a clear error when its port is in use"
            <| fun () ->
                let binary = Path.Combine(sampleDir "http", "dist", "http")
                let port = freePort ()
                let holder = new TcpListener(IPAddress.Loopback, port)
                holder.Start()
                use service = new Service(binary, [ $"--port={port}"; $"--h2c-port={freePort ()}" ])
                Expect.equal (service.ExitCode()) 1 $"exit code\n{service.Output}"
                holder.Stop()
                Expect.stringContains service.Output $"cannot listen on TCP port {port}: address already in use" "why"
        ]

[<Tests>]
let tests =
    sampleTests "Network samples" [ networkOn "unix"; networkOn "aot"; httpOn "unix"; httpOn "aot" ]
