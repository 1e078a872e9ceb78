/// Kestrel over the stack's flows, in process: a client that leaves mid-response, or while the
/// handler computes, ends its request (RequestAborted fires) on HTTP/1.1, HTTPS and h2c, and the
/// server then stops at once instead of waiting for responses nobody reads.
module Mirage.Tests.Runtime.HttpServerTests

open System
open System.IO
open System.Net
open System.Net.Security
open System.Net.Sockets
open System.Text
open System.Threading
open System.Threading.Tasks
open Expecto
open Microsoft.AspNetCore.Http
open Mirage.Runtime.Http
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support.TestCertificates
open Mirage.Tests.Support.Loopback
open Mirage.Tests.Support.Processes

/// What the handler saw of one request.
type private Seen =
    {
        Started: TaskCompletionSource
        Aborted: TaskCompletionSource
        Ended: TaskCompletionSource
    }

let private seen () =
    {
        Started = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        Aborted = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        Ended = TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    }

/// `/endless` writes a gigabyte without looking at RequestAborted (the server alone must stop it
/// costing anything); `/compute` writes nothing until RequestAborted fires.
let private handler (s: Seen) =
    RequestDelegate(fun context ->
        task {
            context.RequestAborted.Register(fun () -> s.Aborted.TrySetResult() |> ignore)
            |> ignore

            s.Started.TrySetResult() |> ignore

            try
                if context.Request.Path.Value = "/endless" then
                    let chunk = Array.zeroCreate<byte> 65536

                    for _ in 1..16384 do
                        do! context.Response.BodyWriter.WriteAsync(ReadOnlyMemory chunk).AsTask() :> Task
                else
                    do! Task.Delay(TimeSpan.FromSeconds 30.0, context.RequestAborted)
            with _ ->
                ()

            s.Ended.TrySetResult() |> ignore
        }
        :> Task)

let private certificate () =
    let issued = issue false
    let result = PemCertificates.FromPem(issued.CertificatePem, issued.KeyPem)
    Expect.isTrue result.IsOk $"certificate: {result.Error}"
    result.Certificate

/// Serves the handler on HTTP/1.1, h2c and HTTPS ports of a loopback stack while `body` runs, then
/// stops the server and returns how long stopping took.
let private serving (s: Seen) (body: int -> int -> int -> Task) =
    task {
        let stack = stack ()
        let server = KestrelHttpServer.Connect stack.Tcp
        let http, h2c, https = freePort (), freePort (), freePort ()
        use cancel = new CancellationTokenSource()

        let listens =
            [|
                HttpListen.Http http
                HttpListen.H2c h2c
                HttpListen.Https(https, certificate ())
            |]

        let served = server.ServeAsync(listens, handler s, cancel.Token)
        let clock = Diagnostics.Stopwatch.StartNew()
        let mutable listening = false

        while not listening && clock.Elapsed < TimeSpan.FromSeconds 20.0 do
            try
                use probe = new TcpClient()
                do! probe.ConnectAsync(IPAddress.Loopback, https)
                listening <- true
            with :? SocketException ->
                do! Task.Delay 20

        do! body http h2c https
        let stopping = Diagnostics.Stopwatch.StartNew()
        cancel.Cancel()

        try
            do! served
        with :? OperationCanceledException ->
            ()

        do! stack.DisconnectAsync()
        return stopping.Elapsed
    }

/// Waits up to 10 s for `task`.
let private within (what: string) (t: Task) =
    task {
        let! first = Task.WhenAny(t, Task.Delay(TimeSpan.FromSeconds 10.0))
        Expect.isTrue (obj.ReferenceEquals(first, t)) what
    }

/// Reads at least `count` bytes of `stream`.
let private readAtLeast (stream: Stream) count =
    task {
        let buffer = Array.zeroCreate<byte> 65536
        let mutable total = 0

        while total < count do
            let! n = stream.ReadAsync(buffer, 0, buffer.Length)

            if n = 0 then
                failtest $"the response ended after {total} bytes"

            total <- total + n
    }

/// A request for `path` over a raw socket (through TLS when `tls`); reads 100 kB of the answer when
/// `read`, then resets the connection (RST) and, in the end, checks what the handler saw.
let private leave (s: Seen) port (tls: bool) (path: string) (read: bool) =
    task {
        let socket =
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)

        do! socket.ConnectAsync(IPAddress.Loopback, port)
        let network = new NetworkStream(socket, ownsSocket = false)

        let! (stream: Stream) =
            task {
                if tls then
                    let ssl =
                        new SslStream(network, false, RemoteCertificateValidationCallback(fun _ _ _ _ -> true))

                    do! ssl.AuthenticateAsClientAsync "localhost"
                    return ssl :> Stream
                else
                    return network :> Stream
            }

        do! stream.WriteAsync(Encoding.ASCII.GetBytes $"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n")
        do! within "the handler started" s.Started.Task

        if read then
            do! readAtLeast stream 100_000

        socket.LingerState <- LingerOption(true, 0)
        socket.Close()
        do! within "RequestAborted fired after the client left" s.Aborted.Task
        do! within "the handler ended" s.Ended.Task
    }

let private quickStop (stopped: TimeSpan) =
    Expect.isLessThan stopped (TimeSpan.FromSeconds 3.0) "the server stops without waiting out its 5 s grace"

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.HttpServer"
        [
            for name, pick, tls, path, read in
                [
                    "HTTP/1.1: a client resetting mid-response", (fun http _ -> http), false, "/endless", true
                    "HTTPS/1.1: a client resetting mid-response", (fun _ https -> https), true, "/endless", true
                    "HTTP/1.1: a client leaving while the handler computes",
                    (fun http _ -> http),
                    false,
                    "/compute",
                    false
                ] do
                testTask $"{name} aborts the request; the server stops at once" {
                    let s = seen ()

                    let! stopped =
                        serving s (fun http _ https -> leave s (pick http https) tls path read)

                    quickStop stopped
                }

            testTask "h2c: a connection dropped mid-response aborts the request; the server stops at once" {
                let s = seen ()

                let! stopped =
                    serving s (fun _ h2c _ ->
                        task {
                            curlLeaving [ "--http2-prior-knowledge"; $"http://127.0.0.1:{h2c}/endless" ] 100_000
                            do! within "RequestAborted fired after the client left" s.Aborted.Task
                            do! within "the handler ended" s.Ended.Task
                        })

                quickStop stopped
            }
        ]
