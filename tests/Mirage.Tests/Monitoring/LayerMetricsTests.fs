/// The runtime's own layers publish through System.Diagnostics.Metrics (one meter per layer:
/// Mirage.Dns, Mirage.Sockets, Mirage.Tcpip, Mirage.KeyValue), and both the monitoring push and
/// the Prometheus endpoint carry what they publish.
module Mirage.Tests.Monitoring.LayerMetricsTests

open System
open System.Net
open System.Net.Sockets
open Expecto
open Mirage.Runtime
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Prometheus
open Mirage.Tests.Support

let private layers =
    set [ "Mirage.Dns"; "Mirage.Sockets"; "Mirage.Tcpip"; "Mirage.KeyValue" ]

/// An instrument's value now (0 before its first measurement). The meters are shared by every test
/// running at once, so the checks are lower bounds.
let private valueOf (collector: MetricsCollector) name =
    collector.Instruments()
    |> Seq.tryFind (fun i -> i.Name = name)
    |> Option.map _.Value
    |> Option.defaultValue 0.

[<Tests>]
let tests =
    testList
        "Monitoring.Layers"
        [
            testCase
                "DNS lookups, socket flows and bytes, our stack's counters and store operations reach the push and the endpoint"
            <| fun () ->
                use collector = new MetricsCollector(fun name -> layers.Contains name)

                // DNS: a lookup that fails at once (nobody listens on the TCP port).
                let dns =
                    DnsClient.Connect(
                        StackDnsTransport(Loopback.stack (), Platform.Random),
                        Platform.MClock,
                        Platform.Random,
                        [| $"tcp:127.0.0.1:{Loopback.freePort ()}" |],
                        Nullable 2_000_000_000L,
                        Nullable 0
                    )

                let answer =
                    dns.ResolveAsync(DomainName.Parse "nothing.test", DnsRecordType.A).AsTask().Result

                Expect.isTrue (answer :? DnsAnswer.Failure) $"no nameserver: {answer}"

                // Sockets: one flow, 100 bytes sent.
                let listener = new TcpListener(IPAddress.Loopback, 0)
                listener.Start()

                try
                    let stack = Loopback.stack ()
                    let endPoint = listener.LocalEndpoint :?> IPEndPoint

                    let connected =
                        stack.Tcp.CreateConnectionAsync(endPoint, timeout = TimeSpan.FromSeconds 10.).AsTask().Result

                    use _ = listener.AcceptTcpClient()
                    let flow = connected.Flow
                    Expect.isNotNull flow $"connected: {connected.Error}"

                    Expect.isFalse
                        (flow.WriteAsync(ReadOnlyMemory(Array.zeroCreate 100)).AsTask().Result.HasValue)
                        "written"

                    flow.CloseAsync().AsTask().Wait()
                finally
                    listener.Stop()

                // Our own stack: a datagram from A to B.
                let _, a, b =
                    (Mirage.Tests.Runtime.Tcpip.Support.twoStacks Mirage.Runtime.Tcpip.Netif.FaultProfile.None 1).Result

                try
                    let sent =
                        a.Udp
                            .WriteAsync(IPEndPoint(IPAddress.Parse "10.0.0.3", 9), ReadOnlyMemory [| 1uy |])
                            .AsTask()
                            .Result

                    Expect.isFalse sent.HasValue "datagram sent"
                finally
                    a.DisposeAsync().AsTask().Wait()
                    b.DisposeAsync().AsTask().Wait()

                // A store as the generated code connects it: a write and two reads, one of a missing key.
                let kv = CountedKvRw.Wrap(MemKv.Connect())
                Expect.isNull (kv.SetAsync(Key.Parse "a", ReadOnlyMemory [| 1uy; 2uy |]).AsTask().Result) "set"
                kv.GetAsync(Key.Parse "a").AsTask().Result |> ignore
                kv.GetAsync(Key.Parse "missing").AsTask().Result |> ignore

                for name, atLeast in
                    [
                        "mirage.dns.queries", 1.
                        "mirage.dns.failures", 1.
                        "mirage.sockets.tcp.flows_opened", 1.
                        "mirage.sockets.tcp.sent", 100.
                        "mirage.tcpip.udp.sent", 1.
                        "mirage.tcpip.netif.tx_packets", 1.
                        "mirage.kv.reads", 2.
                        "mirage.kv.writes", 1.
                        "mirage.kv.errors", 1.
                    ] do
                    Expect.isGreaterThanOrEqual (valueOf collector name) atLeast name

                let pushed =
                    MonitoringPusher(collector, Unchecked.defaultof<IMetricsSink>, "vm", TimeSpan.FromSeconds 10.).Lines
                        0L

                let scraped = PrometheusText.Format(collector.Instruments())

                for measurement, field, family in
                    [
                        "Mirage.Dns", "mirage.dns.failures=", "mirage_dns_failures_total "
                        "Mirage.Sockets", "mirage.sockets.tcp.sent=", "mirage_sockets_tcp_sent_bytes_total "
                        "Mirage.Tcpip", "mirage.tcpip.udp.sent=", "mirage_tcpip_udp_sent_total "
                        "Mirage.KeyValue", "mirage.kv.reads=", "mirage_kv_reads_total "
                    ] do
                    let line = pushed.Split '\n' |> Array.tryFind _.StartsWith(measurement + ",vm=vm ")

                    Expect.isSome line $"{measurement} pushed:\n{pushed}"
                    Expect.stringContains line.Value field $"{field} in the pushed line"
                    Expect.stringContains scraped ("\n" + family) $"{family} scraped"
        ]
