/// samples/http-monitored end to end, built once: promtool (Debian's prometheus) accepts what its
/// /metrics answers, the monitoring push and the scrape carry the runtime's own meters, and its
/// logs reach a syslog socket.
module Mirage.Tests.Monitoring.PrometheusSampleTests

open System
open System.IO
open System.Net
open System.Net.Http
open System.Net.Sockets
open System.Text
open System.Threading
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Cli.NetworkSampleTests

/// The number on the sample line `name VALUE` of an exposition.
let private sample (text: string) (name: string) =
    text.Split '\n'
    |> Array.tryFind _.StartsWith(name + " ")
    |> Option.map (fun line -> float (line.Split(' ')[1]))

/// Every datagram waiting on `udp`, as text.
let private drain (udp: UdpClient) =
    [
        while udp.Available > 0 do
            let mutable from = IPEndPoint(IPAddress.Any, 0)
            Encoding.UTF8.GetString(udp.Receive(&from))
    ]

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Monitoring.Sample"
        [
            testCase "http-monitored: promtool accepts /metrics, push and scrape carry our meters, logs go to syslog"
            <| fun () ->
                let binary = build "http-monitored" "unix"
                // The device pushes to port 8094 of --monitor: an address of this test's own on the loopback /8.
                let monitor =
                    IPAddress.Parse $"127.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}"

                let listener = new TcpListener(monitor, 8094)
                listener.Start()
                use syslog = new UdpClient(IPEndPoint(IPAddress.Loopback, 0))
                let syslogPort = (syslog.Client.LocalEndPoint :?> IPEndPoint).Port
                let port = Loopback.freePort ()

                use service =
                    new Service(
                        binary,
                        [
                            $"--port={port}"
                            $"--h2c-port={Loopback.freePort ()}"
                            $"--monitor={monitor}"
                            "--syslog=127.0.0.1"
                            $"--syslog-port={syslogPort}"
                        ]
                    )

                use http = new HttpClient(Timeout = TimeSpan.FromSeconds 10.)
                let url path = $"http://127.0.0.1:{port}{path}"

                try
                    // Its logs go to syslog: it is ready when it answers.
                    let deadline = DateTime.UtcNow.AddSeconds 30.
                    let mutable hello = None

                    while hello.IsNone && DateTime.UtcNow < deadline do
                        try
                            hello <- Some(http.GetStringAsync(url "/").Result)
                        with _ ->
                            Thread.Sleep 100

                    Expect.equal hello (Some "Hello World!\n") $"serving\n{service.Output}"

                    for _ in 1..4 do
                        http.GetStringAsync(url "/").Result |> ignore

                    use scraped = http.GetAsync(url "/metrics").Result
                    Expect.equal scraped.StatusCode HttpStatusCode.OK "GET /metrics"

                    Expect.equal
                        (string scraped.Content.Headers.ContentType)
                        "text/plain; version=0.0.4; charset=utf-8"
                        "exposition format 0.0.4"

                    let text = scraped.Content.ReadAsStringAsync().Result
                    use dir = new TempDir()
                    let file = dir.Write "metrics.txt" text

                    let checkedBy =
                        run dir.Path "/bin/sh" [ "-c"; $"promtool check metrics < '{file}'" ]

                    Expect.equal checkedBy.ExitCode 0 $"promtool check metrics\n{checkedBy}\n{text}"

                    Expect.isGreaterThanOrEqual
                        (defaultArg (sample text "mirage_sockets_tcp_flows_opened_total") 0.)
                        1.
                        $"our socket stack's flows (the client keeps its connection)\n{text}"

                    Expect.isGreaterThan
                        (defaultArg (sample text "mirage_sockets_tcp_received_bytes_total") 0.)
                        200.
                        "five requests' bytes at least"

                    Expect.stringContains
                        text
                        "# TYPE mirage_sockets_tcp_received_bytes_total counter\n"
                        "bytes received"

                    Expect.stringContains
                        text
                        "http_server_request_duration_seconds_bucket{le=\"+Inf\"} "
                        "Kestrel's request durations as a histogram"

                    use posted = http.PostAsync(url "/metrics", new StringContent "").Result
                    Expect.equal posted.StatusCode HttpStatusCode.MethodNotAllowed "only GET and HEAD"

                    // The push, within its 10 s interval: one line per meter, ours among them.
                    use pushed = listener.AcceptTcpClient()
                    pushed.ReceiveTimeout <- 20000
                    let reader = new StreamReader(pushed.GetStream())
                    let mutable line = reader.ReadLine()

                    while not (isNull line || line.StartsWith "Mirage.Sockets,") do
                        line <- reader.ReadLine()

                    Expect.isNotNull line "a Mirage.Sockets line"
                    Expect.stringStarts line "Mirage.Sockets,vm=http-monitored " "tagged with the unikernel's name"
                    Expect.stringContains line "mirage.sockets.tcp.flows_opened=" "flows opened"
                finally
                    listener.Stop()

                Expect.equal (service.Stop()) 130 "stopped by SIGINT"
                let messages = drain syslog

                Expect.exists
                    messages
                    (fun m -> m.Contains " http-monitored http-monitored - application - serving HTTP on port ")
                    $"syslog received the unikernel's logs, RFC 5424:\n{messages}"
        ]
