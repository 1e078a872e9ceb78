/// Syslog reporters against rsyslogd: UDP, TCP and TLS, read back field by field; a collector killed
/// and restarted; a certificate that does not verify; a collector that stalls.
module Mirage.Tests.Syslog.SyslogCollectorTests

open System
open System.IO
open System.Net
open System.Net.Sockets
open System.Threading
open Expecto
open Mirage.Runtime.Logging
open Mirage.Runtime.Network.Tls
open Mirage.Runtime.Syslog
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Syslog.Rsyslog

let private collectorAt (port: int) = IPEndPoint(IPAddress.Loopback, port)

/// A console reporter at debug into a string, where the syslog reporter's own faults go.
let private console () =
    let output = new StringWriter()
    ConsoleReporter(TextWriter.Synchronized output, Nullable LogLevel.Debug), output

let private fastBackoff =
    SyslogBackoff(TimeSpan.FromMilliseconds 50., TimeSpan.FromMilliseconds 400.)

let private reporter transport capacity =
    let fallback, output = console ()
    new SyslogReporter(transport, fallback, "unikernel", capacity = capacity, backoff = Nullable fastBackoff), output

let private flushed (reporter: SyslogReporter) =
    Expect.isTrue (reporter.FlushAsync(TimeSpan.FromSeconds 20.).Result) "everything queued was sent"

/// Sends three reports, one with a line break and non-ASCII text, and reads them back field by field.
let private roundTrip (collector: Collector) (transport: ISyslogTransport) =
    let syslog, _ = reporter transport 64

    try
        syslog.Report("application", LogLevel.Info, "hello")
        syslog.Report("dns", LogLevel.Error, "two\nlines, ünïcode")
        syslog.Report("http", LogLevel.Warning, "third")
        syslog.Report("http", LogLevel.Debug, "below nothing: the console's threshold is debug")
        flushed syslog
        let received = collector.Received(4, TimeSpan.FromSeconds 10.)
        Expect.equal received.Length 4 "four messages"
        Expect.equal [ for r in received -> r.Pri ] [ "30"; "27"; "28"; "31" ] "PRI: daemon facility, severity by level"
        Expect.equal [ for r in received -> r.MsgId ] [ "application"; "dns"; "http"; "http" ] "MSGID is the source"

        Expect.equal
            [ for r in received -> r.Msg ]
            [
                "hello"
                "two\\nlines, ünïcode"
                "third"
                "below nothing: the console's threshold is debug"
            ]
            "MSG"

        for r in received do
            Expect.equal r.Hostname "unikernel" "HOSTNAME"
            Expect.equal r.AppName "unikernel" "APP-NAME"
            let time = DateTimeOffset.Parse r.Time
            Expect.isLessThan (abs (time - DateTimeOffset.UtcNow).TotalMinutes) 5. "TIMESTAMP is now"
    finally
        syslog.DisposeAsync().AsTask().Wait()

let private withCollector input (test: Collector -> TempDir -> unit) =
    use dir = new TempDir()
    use collector = start dir.Path input (Loopback.freePort ())
    test collector dir

let private tlsFiles (dir: TempDir) =
    let issued = TestCertificates.issue false
    let certificate = dir.Write "server.pem" issued.CertificatePem
    let key = dir.Write "server.key" issued.KeyPem
    let ca = dir.Write "ca.pem" issued.CaPem
    issued, Tls(certificate, key, ca)

[<Tests>]
let tests =
    testSequencedGroup "rsyslogd"
    <| testList
        "Syslog.Collector"
        [
            testCase "UDP: rsyslogd receives each message, fields as sent"
            <| fun () ->
                let stack = Loopback.stack ()

                withCollector Udp (fun collector _ ->
                    roundTrip collector (UdpSyslogTransport(stack.Udp, collectorAt collector.Port)))

            testCase "TCP: octet-counted messages, fields as sent"
            <| fun () ->
                let stack = Loopback.stack ()

                withCollector Tcp (fun collector _ ->
                    roundTrip collector (StreamSyslogTransport(stack.Tcp, collectorAt collector.Port)))

            testCase "TLS: a collector whose certificate chains to the given roots"
            <| fun () ->
                use dir = new TempDir()
                let issued, input = tlsFiles dir
                use collector = start dir.Path input (Loopback.freePort ())
                let stack = Loopback.stack ()
                let trust = TlsTrust.FromPem(issued.CaPem).Trust
                let tls = SyslogTls("127.0.0.1", trust)
                roundTrip collector (StreamSyslogTransport(stack.Tcp, collectorAt collector.Port, tls))

            testCase "TLS: a certificate that does not verify is said once, not retried in a tight loop"
            <| fun () ->
                use dir = new TempDir()
                let _, input = tlsFiles dir
                use collector = start dir.Path input (Loopback.freePort ())
                let stack = Loopback.stack ()
                let stranger = TlsTrust.FromPem((TestCertificates.issue false).CaPem).Trust

                let transport =
                    StreamSyslogTransport(stack.Tcp, collectorAt collector.Port, SyslogTls("127.0.0.1", stranger))

                let syslog, output = reporter transport 16

                try
                    for i in 1..5 do
                        syslog.Report("application", LogLevel.Info, $"message {i}")

                    Thread.Sleep 1500
                    let faults = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    Expect.equal faults.Length 1 $"one fault line: {output}"
                    Expect.stringContains faults.[0] "TLS handshake failed" "says why"
                    Expect.stringContains faults.[0] "not retried before" "says it waits"
                    Expect.equal syslog.Connections 0L "never connected"
                    Expect.equal syslog.Sent 0L "nothing sent"
                    Expect.isEmpty (collector.Received(0, TimeSpan.Zero)) "nothing received"
                finally
                    syslog.DisposeAsync().AsTask().Wait()

            testCase "TCP collector killed and restarted: reconnects, and the counted drops are what is missing"
            <| fun () ->
                use dir = new TempDir()
                use collector = start dir.Path Tcp (Loopback.freePort ())
                let stack = Loopback.stack ()
                let capacity = 20

                let syslog, output =
                    reporter (StreamSyslogTransport(stack.Tcp, collectorAt collector.Port)) capacity

                try
                    for i in 1..10 do
                        syslog.Report("application", LogLevel.Info, $"before {i}")

                    flushed syslog
                    Expect.equal (collector.Received(10, TimeSpan.FromSeconds 10.)).Length 10 "ten before the kill"
                    collector.Kill()
                    // Let the connection's end reach the reporter (a FIN on loopback: at once).
                    Thread.Sleep 500

                    for i in 1..50 do
                        syslog.Report("application", LogLevel.Info, $"during {i}")

                    Thread.Sleep 300
                    Expect.equal syslog.Dropped 30L "the buffer keeps 20 messages, the 30 newer ones are dropped"
                    collector.Start()
                    flushed syslog
                    let received = collector.Received(30, TimeSpan.FromSeconds 10.)

                    let during =
                        [
                            for r in received do
                                if r.Msg.StartsWith "during" then
                                    r.Msg
                        ]

                    Expect.equal during [ for i in 1..capacity -> $"during {i}" ] "the first 20 of the outage, in order"
                    Expect.equal (int64 (50 - during.Length)) syslog.Dropped "missing = dropped"
                    Expect.equal syslog.Connections 2L "connected again"
                    let faults = output.ToString()

                    Expect.stringContains
                        faults
                        "30 messages were dropped meanwhile"
                        "the end of the outage says what was lost"
                finally
                    syslog.DisposeAsync().AsTask().Wait()

            testCase "at exit: the queue is sent before the deadline; a dead collector holds the exit no longer than it"
            <| fun () ->
                use listener = new TcpListener(IPAddress.Loopback, 0)
                listener.Start()
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port
                use accepted = listener.AcceptSocketAsync()
                let stack = Loopback.stack ()
                let syslog, _ = reporter (StreamSyslogTransport(stack.Tcp, collectorAt port)) 1000

                try
                    for i in 1..500 do
                        syslog.Report("application", LogLevel.Info, $"message {i}")

                    Expect.isTrue (syslog.FlushAtExit(TimeSpan.FromSeconds 10.)) "flushed"
                    Expect.equal syslog.Sent 500L "every queued message was written before the exit"
                finally
                    syslog.DisposeAsync().AsTask().Wait()

                let dead, output =
                    reporter (StreamSyslogTransport(stack.Tcp, collectorAt (Loopback.freePort ()))) 1000

                try
                    dead.Report("application", LogLevel.Info, "nobody hears this")
                    let clock = Diagnostics.Stopwatch.StartNew()
                    Expect.isFalse (dead.FlushAtExit(TimeSpan.FromMilliseconds 300.)) "not flushed"
                    Expect.isLessThan clock.Elapsed.TotalSeconds 5. "bounded by the deadline"
                    Expect.stringContains (string output) "1 messages not sent at exit" "says what is lost"
                finally
                    dead.DisposeAsync().AsTask().Wait()

            testCase "a collector that accepts and never reads: reports never block, drops are counted"
            <| fun () ->
                use listener = new TcpListener(IPAddress.Loopback, 0)
                listener.Start()
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port
                use accepted = listener.AcceptSocketAsync()
                let stack = Loopback.stack ()
                let syslog, _ = reporter (StreamSyslogTransport(stack.Tcp, collectorAt port)) 100

                try
                    let big = String('x', 8192)
                    let started = DateTime.UtcNow

                    // Far more than the socket buffers and the queue hold together.
                    for _ in 1..5000 do
                        syslog.Report("application", LogLevel.Info, big)

                    Expect.isLessThan
                        (DateTime.UtcNow - started).TotalSeconds
                        30.
                        "the loop was not held up by the collector"

                    Expect.isGreaterThan syslog.Dropped 0L "drops counted"
                    Expect.equal (syslog.Queued + syslog.Dropped) 5000L "every report is queued or counted as dropped"
                finally
                    syslog.DisposeAsync().AsTask().Wait()
        ]
