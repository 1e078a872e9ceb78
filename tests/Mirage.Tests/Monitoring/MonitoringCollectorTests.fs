/// The monitoring device against real peers: InfluxDB receives the metrics and a query returns
/// them; a TCP listener gets line protocol and loses rounds while it is away; the command port
/// adjusts the platform reporter's levels.
module Mirage.Tests.Monitoring.MonitoringCollectorTests

open System
open System.Diagnostics.Metrics
open System.IO
open System.Net
open System.Net.Sockets
open System.Text
open System.Threading
open Expecto
open Mirage.Runtime.Logging
open Mirage.Runtime.Monitoring
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Runtime.Fakes
open Mirage.Tests.Monitoring.Influxd

/// A meter of this test only, and a function that counts 42 requests on it (counters report
/// increments, so a collector sees those made after it started).
let private testMeter () =
    let meter = new Meter("Mirage.Test.M" + Guid.NewGuid().ToString("N")[..11])
    let requests = meter.CreateCounter<int64> "requests"
    meter, (fun () -> requests.Add 42L)

let private until (timeout: TimeSpan) (check: unit -> bool) =
    let deadline = DateTime.UtcNow + timeout
    let mutable ok = check ()

    while not ok && DateTime.UtcNow < deadline do
        Thread.Sleep 100
        ok <- check ()

    ok

/// Sends `command` to the command port and reads the whole answer.
let private ask (port: int) (command: string) =
    use client = new TcpClient()
    client.Connect(IPAddress.Loopback, port)
    let stream = client.GetStream()
    stream.Write(Encoding.UTF8.GetBytes command)
    use reader = new StreamReader(stream)
    reader.ReadToEnd()

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Monitoring.Collector"
        [
            testCase
                "InfluxDB receives the metrics (UDP line protocol) and a query returns them, tagged with the unikernel's name"
            <| fun () ->
                use dir = new TempDir()
                use influx = new Influx(dir.Path, Loopback.freePort (), Loopback.freePort ())
                let meter, count = testMeter ()
                use _ = meter
                let stack = Loopback.stack ()

                let job =
                    MonitoringJob.Create(
                        stack,
                        "unikernel",
                        IPAddress.Loopback,
                        influx.UdpPort,
                        Loopback.freePort (),
                        TimeSpan.FromMilliseconds 200.,
                        udp = true
                    )

                count ()

                try
                    let query = $"SELECT \"requests\", \"vm\" FROM \"{meter.Name}\""
                    let mutable answer = ""
                    // The UDP listener makes the database with its first write: until then queries fail.
                    let arrived =
                        until (TimeSpan.FromSeconds 20.) (fun () ->
                            answer <-
                                (try
                                    influx.Query query
                                 with e ->
                                     e.Message)

                            answer.Contains ",42,")

                    Expect.isTrue arrived $"the counter is in InfluxDB: {answer}"
                    Expect.stringContains answer ",42,unikernel" "value and vm tag"
                finally
                    job.DisposeAsync().AsTask().Wait()

            testCase "TCP: line protocol every interval; rounds while the collector is away are dropped and counted"
            <| fun () ->
                let meter, count = testMeter ()
                use _ = meter
                let port = Loopback.freePort ()
                let listener = new TcpListener(IPAddress.Loopback, port)
                listener.Start()
                let stack = Loopback.stack ()

                let job =
                    MonitoringJob.Create(
                        stack,
                        "unikernel",
                        IPAddress.Loopback,
                        port,
                        Loopback.freePort (),
                        TimeSpan.FromMilliseconds 200.
                    )

                count ()

                try
                    let first = listener.AcceptTcpClient()
                    first.ReceiveTimeout <- 10000
                    let reader = new StreamReader(first.GetStream())
                    let mutable line = reader.ReadLine()

                    while not (line.StartsWith meter.Name) do
                        line <- reader.ReadLine()

                    Expect.stringStarts line $"{meter.Name},vm=unikernel requests=42i " "measurement, tag, field"
                    first.Close()
                    listener.Stop()
                    let pusher = job.Pusher

                    Expect.isTrue
                        (until (TimeSpan.FromSeconds 10.) (fun () -> pusher.Dropped >= 2L))
                        "rounds dropped while away"

                    let listener = new TcpListener(IPAddress.Loopback, port)
                    listener.Start()
                    use again = listener.AcceptTcpClient()
                    let sentBefore = pusher.Sent

                    Expect.isTrue
                        (until (TimeSpan.FromSeconds 10.) (fun () -> pusher.Sent > sentBefore))
                        "sending again"

                    listener.Stop()
                finally
                    job.DisposeAsync().AsTask().Wait()

            testCase "the command port: l reports the levels, L sets them on the platform's reporter"
            <| fun () ->
                let reporter = ConsoleReporter(new StringWriter(), Nullable LogLevel.Info)

                withReporter reporter (fun () ->
                    let commands = Loopback.freePort ()
                    let stack = Loopback.stack ()

                    let job =
                        MonitoringJob.Create(
                            stack,
                            "unikernel",
                            IPAddress.Loopback,
                            Loopback.freePort (),
                            commands,
                            TimeSpan.FromSeconds 10.
                        )

                    try
                        Expect.isTrue
                            (until (TimeSpan.FromSeconds 10.) (fun () ->
                                try
                                    ask commands "l" = "ok: info"
                                with _ ->
                                    false))
                            "ok: info"

                        Expect.equal (ask commands "L*:warning,http:debug") "ok" "set"
                        Expect.isFalse (reporter.IsEnabled("dns", LogLevel.Info)) "info is off now"
                        Expect.isTrue (reporter.IsEnabled("http", LogLevel.Debug)) "http at debug"
                        Expect.stringStarts (ask commands "Lhttp:shout") "error: " "a bad level"
                        Expect.equal (ask commands "l") "ok: warning,http:debug" "unchanged by the bad one"
                    finally
                        job.DisposeAsync().AsTask().Wait())
        ]
