/// Conduits (conduit_direct ?tls): a conduit without TLS refuses TLS endpoints, connections and
/// HTTPS ports, naming conduit_direct ~tls:true; with TLS, connections are checked against the roots.
module Mirage.Tests.Runtime.NetworkTlsConduitTests

open System
open System.Buffers
open System.Net
open System.Security.Cryptography.X509Certificates
open System.Text
open System.Threading
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Conduit
open Mirage.Runtime.Network.Sockets
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support.TestCertificates
open Mirage.Tests.Support.Loopback

let private serverCertificate (issued: IssuedCertificate) =
    let result = PemCertificates.FromPem(issued.CertificatePem, issued.KeyPem)
    Expect.isTrue result.IsOk $"certificate: {result.Error}"
    result.Certificate

/// A TLS endpoint with the issued certificate and, when `withChain`, its intermediate.
let private serverTls (issued: IssuedCertificate) withChain =
    let result = PemCertificates.FromPem(issued.CertificatePem, issued.KeyPem)
    Expect.isTrue result.IsOk $"certificate: {result.Error}"

    ConduitServerTls(result.Certificate, Intermediates = (if withChain then result.Intermediates else null))

let private rootsOf (issued: IssuedCertificate) =
    let result = TlsTrust.FromPem issued.CaPem
    Expect.isTrue result.IsOk $"roots: {result.Error}"
    result.Trust

/// Answers "echo: " + what it reads once, then closes.
let private echo =
    TcpHandler(fun flow ->
        task {
            let! read = flow.ReadAsync()

            if read.IsData then
                let text = "echo: " + Encoding.ASCII.GetString(read.Data.ToArray())
                let! _ = flow.WriteAsync(ReadOnlyMemory(Encoding.ASCII.GetBytes text))
                do! flow.ShutdownAsync ShutdownMode.Write
        }
        |> ValueTask)

let private exchange (flow: ITcpFlow) (text: string) =
    task {
        let! _ = flow.WriteAsync(ReadOnlyMemory(Encoding.ASCII.GetBytes text))
        let collected = ResizeArray<byte>()
        let mutable finished = false

        while not finished do
            let! read = flow.ReadAsync()

            if read.IsData then
                collected.AddRange(read.Data.ToArray())
            else
                finished <- true

        do! flow.CloseAsync()
        return Encoding.ASCII.GetString(collected.ToArray())
    }

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Network.Conduit"
        [
            testTask "a conduit without TLS refuses TLS endpoints and connections, naming conduit_direct ~tls:true" {
                let stack = SocketStack.Connect stackOptions
                let conduit = TcpConduit.Connect stack
                Expect.isFalse conduit.SupportsTls "no TLS"
                let certificate = serverCertificate (issue false)
                let port = freePort ()
                let refused = conduit.Listen(port, echo, ConduitServerTls(certificate))
                Expect.isNotNull refused "refused"
                Expect.equal refused.Kind ConduitErrorKind.TlsUnavailable "why"
                Expect.stringContains refused.Message $"the TLS endpoint on TCP port {port} needs TLS" "what"
                Expect.stringContains refused.Message "conduit_direct ~tls:true" "the fix"
                // Nothing listens: a plain connection is refused by the host.
                let! plain = conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, port))
                Expect.isFalse plain.IsOk "nothing was listened on"
                Expect.equal plain.Error.Kind ConduitErrorKind.Connect "a TCP failure"

                let! tls =
                    conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, port), ConduitClientTls("localhost"))

                Expect.equal tls.Error.Kind ConduitErrorKind.TlsUnavailable "no TLS to connect with"
                Expect.stringContains tls.Error.Message "conduit_direct ~tls:true" "the fix"
                do! stack.DisconnectAsync()
            }

            testTask "a conduit without TLS serves and connects in clear" {
                let stack = SocketStack.Connect stackOptions
                let conduit = TcpConduit.Connect stack
                let port = freePort ()
                Expect.isNull (conduit.Listen(port, echo)) "listening"
                let! connected = conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, port))
                Expect.isTrue connected.IsOk $"connected: {connected.Error}"
                let! answer = exchange connected.Flow "plain"
                Expect.equal answer "echo: plain" "the echo"
                let again = TcpConduit.Connect(stack).Listen(port, echo)
                Expect.isNull again "listening again replaces the handler"
                do! stack.DisconnectAsync()
            }

            testTask "with TLS: the client checks the certificate against the roots and the host name" {
                let stack = SocketStack.Connect stackOptions
                let conduit = TlsConduit.Connect(TcpConduit.Connect stack)
                Expect.isTrue conduit.SupportsTls "TLS"
                let issued = issue false
                let port = freePort ()
                Expect.isNull (conduit.Listen(port, echo, serverTls issued true)) "listening"
                let destination = IPEndPoint(IPAddress.Loopback, port)

                let! trusted =
                    conduit.ConnectAsync(destination, ConduitClientTls("localhost", rootsOf issued))

                Expect.isTrue trusted.IsOk $"connected: {trusted.Error}"
                Expect.isTrue (trusted.Flow :? TlsFlow) "a TLS flow"
                let! answer = exchange trusted.Flow "secret"
                Expect.equal answer "echo: secret" "the echo, through TLS"
                // The system's roots do not know the test CA: checks are on by default.
                let! untrusted = conduit.ConnectAsync(destination, ConduitClientTls("localhost"))
                Expect.isFalse untrusted.IsOk "an unknown CA is refused"
                Expect.equal untrusted.Error.Kind ConduitErrorKind.TlsHandshake "a handshake failure"
                // Another CA's roots do not vouch for it either.
                let! otherCa =
                    conduit.ConnectAsync(destination, ConduitClientTls("localhost", rootsOf (issue false)))

                Expect.isFalse otherCa.IsOk "another CA is refused"
                // The right CA, the wrong name.
                let! misnamed =
                    conduit.ConnectAsync(destination, ConduitClientTls("example.com", rootsOf issued))

                Expect.isFalse misnamed.IsOk "a certificate for another name is refused"
                Expect.stringContains misnamed.Error.Message "example.com" "names the host"
                // A client speaking clear text to the TLS port gets nothing; the server goes on.
                let! clear = conduit.ConnectAsync destination
                Expect.isTrue clear.IsOk "TCP connects"
                let! nothing = exchange clear.Flow "GET / HTTP/1.1\r\n\r\n"
                Expect.equal nothing "" "no answer in clear"

                let! again =
                    conduit.ConnectAsync(destination, ConduitClientTls("localhost", rootsOf issued))

                let! answer = exchange again.Flow "still"
                Expect.equal answer "echo: still" "still serving"
                do! stack.DisconnectAsync()
            }

            testTask
                "with TLS: the server sends its intermediates; without them a client trusting the root alone refuses" {
                let stack = SocketStack.Connect stackOptions
                let conduit = TlsConduit.Connect(TcpConduit.Connect stack)
                let issued = issue false
                let withChain = freePort ()
                let leafOnly = freePort ()
                Expect.isNull (conduit.Listen(withChain, echo, serverTls issued true)) "listening"
                Expect.isNull (conduit.Listen(leafOnly, echo, serverTls issued false)) "listening"
                let client = ConduitClientTls("localhost", rootsOf issued)

                let! chained =
                    conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, withChain), client)

                Expect.isTrue chained.IsOk $"the chain reaches the root: {chained.Error}"
                let! answer = exchange chained.Flow "chained"
                Expect.equal answer "echo: chained" "the echo"
                let! alone = conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, leafOnly), client)
                Expect.isFalse alone.IsOk "the server's certificate alone does not reach the root"
                do! stack.DisconnectAsync()
            }

            testTask "with TLS: a client that never finishes its handshake is closed after the timeout" {
                let stack = SocketStack.Connect stackOptions
                let conduit = TlsConduit.Connect(TcpConduit.Connect stack)
                let port = freePort ()

                let tls =
                    ConduitServerTls(
                        serverCertificate (issue false),
                        HandshakeTimeout = Nullable(TimeSpan.FromMilliseconds 300.0)
                    )

                Expect.isNull (conduit.Listen(port, echo, tls)) "listening"
                let! silent = conduit.ConnectAsync(IPEndPoint(IPAddress.Loopback, port))
                let clock = Diagnostics.Stopwatch.StartNew()
                let! read = silent.Flow.ReadAsync()
                Expect.isFalse read.IsData "closed without a word"
                Expect.isLessThan clock.Elapsed (TimeSpan.FromSeconds 5.0) "soon after the timeout"
                do! silent.Flow.CloseAsync()
                do! stack.DisconnectAsync()
            }

            testTask "HTTPS on a cohttp_server over a conduit without TLS fails at ServeAsync, naming the fix" {
                let stack = SocketStack.Connect stackOptions
                let server = Mirage.Runtime.Http.KestrelHttpServer.Connect(TcpConduit.Connect stack)
                let certificate = serverCertificate (issue false)

                let listens =
                    [|
                        Mirage.Runtime.Http.HttpListen.Http(freePort ())
                        Mirage.Runtime.Http.HttpListen.Https(freePort (), certificate)
                    |]

                let cancel = new CancellationTokenSource(TimeSpan.FromSeconds 30.0)

                let! (failure: exn option) =
                    task {
                        try
                            do! server.ServeAsync(listens, (fun _ -> Task.CompletedTask), cancel.Token)
                            return None
                        with e ->
                            return Some e
                    }

                match failure with
                | Some(:? InvalidOperationException as e) ->
                    Expect.stringContains e.Message $"HTTPS on TCP port {listens[1].Port} needs TLS" "what"
                    Expect.stringContains e.Message "conduit_direct ~tls:true" "the fix"
                | other -> failtest $"expected InvalidOperationException, got {other}"

                Expect.isFalse cancel.IsCancellationRequested "it failed at once"
                cancel.Dispose()
                do! stack.DisconnectAsync()
            }
        ]
