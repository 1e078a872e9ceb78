/// A real InfluxDB for tests: influxd from Debian's package, started by hand on loopback ports with
/// its own configuration and data in a temporary folder, line protocol taken over UDP into the
/// database `mirage`, and queried with the `influx` client.
module Mirage.Tests.Monitoring.Influxd

open System
open System.Diagnostics
open System.IO
open System.Net.Http
open System.Threading
open Mirage.Tests.Support.Processes

/// A running influxd; disposing kills it.
type Influx(dir: string, httpPort: int, udpPort: int) =
    let config = Path.Combine(dir, "influxdb.conf")

    do
        File.WriteAllText(
            config,
            String.concat
                "\n"
                [
                    "reporting-disabled = true"
                    $"bind-address = \"127.0.0.1:{Mirage.Tests.Support.Loopback.freePort ()}\""
                    "[meta]"
                    $"  dir = \"{dir}/meta\""
                    "[data]"
                    $"  dir = \"{dir}/data\""
                    $"  wal-dir = \"{dir}/wal\""
                    "[http]"
                    $"  bind-address = \"127.0.0.1:{httpPort}\""
                    "  log-enabled = false"
                    "[monitor]"
                    "  store-enabled = false"
                    "[[udp]]"
                    "  enabled = true"
                    $"  bind-address = \"127.0.0.1:{udpPort}\""
                    "  database = \"mirage\""
                    "  batch-size = 1"
                    "  batch-timeout = \"50ms\""
                    ""
                ]
        )

    let proc = startQuiet "influxd" [ "-config"; config ]

    do
        use http = new HttpClient()
        let deadline = DateTime.UtcNow.AddSeconds 30.
        let mutable ready = false

        while not ready do
            if DateTime.UtcNow > deadline then
                failwith "influxd did not answer /ping"

            try
                ready <- http.GetAsync($"http://127.0.0.1:{httpPort}/ping").Result.IsSuccessStatusCode
            with _ ->
                Thread.Sleep 200

    member _.UdpPort = udpPort

    /// The CSV answer of `query` on the database `mirage`.
    member _.Query(query: string) =
        let result =
            run
                dir
                "influx"
                [
                    "-port"
                    string httpPort
                    "-database"
                    "mirage"
                    "-format"
                    "csv"
                    "-execute"
                    query
                ]

        if result.ExitCode <> 0 then
            failwith $"influx failed: {result}"

        result.Stdout

    interface IDisposable with
        member _.Dispose() =
            proc.Kill()
            proc.WaitForExit()
            proc.Dispose()
