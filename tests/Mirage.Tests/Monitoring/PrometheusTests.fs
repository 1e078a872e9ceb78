/// The Prometheus endpoint's pure parts: names, the text format 0.0.4, and the layers' meters as the
/// endpoint and the monitoring push carry them.
module Mirage.Tests.Monitoring.PrometheusTests

open System
open System.Diagnostics.Metrics
open Expecto
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Prometheus

let private meterNamed prefix =
    new Meter(prefix + Guid.NewGuid().ToString("N")[..11])

/// The exposition of one test meter's instruments only.
let private scrape (collector: MetricsCollector) =
    PrometheusText.Format(collector.Instruments())

[<Tests>]
let tests =
    testList
        "Monitoring.Prometheus"
        [
            testCase
                "names: dots and dashes to underscores, unit suffixes, counters end in _total, gauges never in _count"
            <| fun () ->
                let metric name unit kind =
                    PrometheusNames.Metric(name, unit, kind)

                Expect.equal
                    (metric "mirage.dns.queries" "{query}" MetricKind.Counter)
                    "mirage_dns_queries_total"
                    "counter"

                Expect.equal
                    (metric "http.server.request.duration" "s" MetricKind.Histogram)
                    "http_server_request_duration_seconds"
                    "seconds"

                Expect.equal
                    (metric "mirage.sockets.tcp.sent" "By" MetricKind.Counter)
                    "mirage_sockets_tcp_sent_bytes_total"
                    "bytes"

                Expect.equal (metric "requests_total" null MetricKind.Counter) "requests_total" "no second _total"
                Expect.equal (metric "9lives-é" "" MetricKind.Gauge) "_9lives__" "a leading digit, non-ASCII"

                Expect.equal
                    (metric "dotnet.assembly.count" "{assembly}" MetricKind.Gauge)
                    "dotnet_assembly_count_value"
                    "not a histogram's _count"

                Expect.equal (PrometheusNames.Sanitize "") "_" "never empty"

            testCase "text: HELP and TYPE per family, counters summed over tags, cumulative histogram buckets"
            <| fun () ->
                use meter = meterNamed "Mirage.Test.P"
                use collector = new MetricsCollector(fun name -> name = meter.Name)

                let requests =
                    meter.CreateCounter<int64>("app.requests", "{request}", "Requests\nserved \\ so far")

                requests.Add(3L, Collections.Generic.KeyValuePair("route", box "/"))
                requests.Add(4L)
                meter.CreateObservableGauge("app.level", (fun () -> 2.5), "1") |> ignore

                let duration =
                    meter.CreateHistogram<float>(
                        "app.duration",
                        "s",
                        null,
                        null,
                        InstrumentAdvice<float>(HistogramBucketBoundaries = [| 0.25; 1.0 |])
                    )

                for value in [ 0.125; 0.25; 0.5; 3.0 ] do
                    duration.Record value

                Expect.equal
                    (scrape collector)
                    (String.concat
                        "\n"
                        [
                            "# HELP app_duration_seconds app.duration (" + meter.Name + ")"
                            "# TYPE app_duration_seconds histogram"
                            "app_duration_seconds_bucket{le=\"0.25\"} 2"
                            "app_duration_seconds_bucket{le=\"1\"} 3"
                            "app_duration_seconds_bucket{le=\"+Inf\"} 4"
                            "app_duration_seconds_sum 3.875"
                            "app_duration_seconds_count 4"
                            "# HELP app_level app.level (" + meter.Name + ")"
                            "# TYPE app_level gauge"
                            "app_level 2.5"
                            "# HELP app_requests_total Requests\\nserved \\\\ so far"
                            "# TYPE app_requests_total counter"
                            "app_requests_total 7"
                            ""
                        ])
                    "exposition"

            testCase "a histogram without advice gets OpenTelemetry's default bounds, +Inf last"
            <| fun () ->
                use meter = meterNamed "Mirage.Test.P"
                use collector = new MetricsCollector(fun name -> name = meter.Name)
                (meter.CreateHistogram<int64> "sizes").Record 20000L
                let text = scrape collector

                Expect.stringContains
                    text
                    "sizes_bucket{le=\"10000\"} 0\nsizes_bucket{le=\"+Inf\"} 1\n"
                    "over every bound"

                Expect.equal (text.Split "_bucket{").Length 17 "15 bounds and +Inf"

            testCase "values: +Inf, NaN and integers as the format writes them"
            <| fun () ->
                Expect.equal (PrometheusText.Number Double.PositiveInfinity) "+Inf" "+Inf"
                Expect.equal (PrometheusText.Number Double.NegativeInfinity) "-Inf" "-Inf"
                Expect.equal (PrometheusText.Number Double.NaN) "NaN" "NaN"
                Expect.equal (PrometheusText.Number 42.) "42" "integer"
        ]
