/// The monitoring device's pure parts: line protocol, the metrics collector, the commands.
module Mirage.Tests.Monitoring.MonitoringTests

open System
open System.Collections.Generic
open System.Diagnostics.Metrics
open Expecto
open Mirage.Runtime.Logging
open Mirage.Runtime.Monitoring

let private tags = [ KeyValuePair("vm", "unikernel") ]

let private field name value integer = MetricField(name, value, integer)

/// A collector of one test meter only, so other tests' meters do not show.
let private collectorOf (meter: Meter) =
    new MetricsCollector(fun name -> name = meter.Name)

let private console level =
    ConsoleReporter(new IO.StringWriter(), Nullable level)

[<Tests>]
let tests =
    testList
        "Monitoring"
        [
            testCase "line protocol: measurement, sorted tags, integer and float fields, time in ns"
            <| fun () ->
                Expect.equal
                    (InfluxLine.Format(
                        "Mirage.Http",
                        tags,
                        [ field "requests" 12. true; field "seconds" 0.25 false ],
                        Nullable 1700000000000000000L
                    ))
                    "Mirage.Http,vm=unikernel requests=12i,seconds=0.25 1700000000000000000\n"
                    "line"

            testCase "line protocol escapes what would split a line, a tag or a field"
            <| fun () ->
                Expect.equal
                    (InfluxLine.Format("a b,c", [ KeyValuePair("k=1", "v 1,2") ], [ field "f\nx" 1. true ]))
                    "a\\ b\\,c,k\\=1=v\\ 1\\,2 f\\ x=1i\n"
                    "escaped"

            testCase "line protocol: no finite field, no line"
            <| fun () ->
                Expect.isNull (InfluxLine.Format("m", tags, [ field "nan" Double.NaN false ])) "nothing to send"

            testCase "collector: counters summed over tags, observable gauges last, histograms count and sum"
            <| fun () ->
                use meter = new Meter("Mirage.Test.Collector." + Guid.NewGuid().ToString "N")
                use collector = collectorOf meter
                let counter = meter.CreateCounter<int64> "requests"
                counter.Add(3L, KeyValuePair("route", box "/"))
                counter.Add(4L, KeyValuePair("route", box "/hash"))
                let mutable level = 5.5
                meter.CreateObservableGauge("level", fun () -> level) |> ignore
                let histogram = meter.CreateHistogram<float> "duration"
                histogram.Record 0.5
                histogram.Record 1.5
                meter.CreateCounter<int64> "unused" |> ignore
                let first = collector.Snapshot() |> Seq.exactlyOne
                level <- 7.
                let second = collector.Snapshot() |> Seq.exactlyOne

                Expect.equal
                    (List.ofSeq first.Fields)
                    [
                        field "duration.count" 2. true
                        field "duration.sum" 2. false
                        field "level" 5.5 false
                        field "requests" 7. true
                    ]
                    "fields, an instrument never used left out"

                Expect.contains second.Fields (field "level" 7. false) "the gauge's new value"

            testCase "L sets levels over the current default, l reports them"
            <| fun () ->
                let reporter = console LogLevel.Info
                Expect.equal (MonitoringCommands.Execute("L*:debug,dns:error", reporter)) "ok" "adjusted"
                Expect.isTrue (reporter.IsEnabled("http", LogLevel.Debug)) "every source at debug"
                Expect.isFalse (reporter.IsEnabled("dns", LogLevel.Warning)) "dns at error"
                Expect.equal (MonitoringCommands.Execute("l", reporter)) "ok: debug,dns:error" "reported"
                Expect.equal (MonitoringCommands.Execute("Ltcp:warning\n", reporter)) "ok" "a line break is fine"

                Expect.equal
                    (MonitoringCommands.Execute("l", reporter))
                    "ok: debug,tcp:warning"
                    "dns back to the default, now debug"

            testCase "M switches meters in the push, m reports them, as upstream's metrics sources"
            <| fun () ->
                use one = new Meter("Mirage.Test.One." + Guid.NewGuid().ToString "N")
                use two = new Meter("Mirage.Test.Two." + Guid.NewGuid().ToString "N")
                use collector = new MetricsCollector(fun name -> name = one.Name || name = two.Name)
                (one.CreateCounter<int64> "a").Add 1L
                (two.CreateCounter<int64> "b").Add 2L

                let reported () =
                    collector.Snapshot() |> Seq.map _.Meter |> List.ofSeq

                let execute command =
                    MonitoringCommands.Execute(command, null, collector)

                Expect.equal (execute "m") "ok: *:enabled" "all on, none apart"
                Expect.equal (execute $"M*:disable,{two.Name}:enable") "ok" "all off but two"
                Expect.equal (reported ()) [ two.Name ] "only two is pushed"
                Expect.equal (execute "m") $"ok: *:disabled,{two.Name}:enabled" "the default and the one apart"
                Expect.equal (execute "m*") $"ok: *:disabled,{one.Name}:disabled,{two.Name}:enabled" "every meter"
                Expect.equal (execute $"m{one.Name}") $"ok: {one.Name}:disabled" "one asked"
                Expect.equal (execute $"Msrc:{one.Name}:on") "ok" "upstream's src: form"
                Expect.equal (reported ()) [ one.Name; two.Name ] "both pushed"
                Expect.equal (execute "Mon") "ok" "all on"

                for bad, why in
                    [
                        "Mtag:http:enable", "error: metrics tags cannot be switched"
                        $"M{one.Name}:loud", "error: couldn't decode 'enable' or 'disable': loud"
                        "Ma:b:c:d", "error: couldn't decode metrics"
                        "mMirage.Nope", "error: unknown source: Mirage.Nope"
                    ] do
                    Expect.stringStarts (execute bad) why bad

                Expect.equal
                    (execute $"M*:off,{one.Name}:maybe")
                    "error: couldn't decode 'enable' or 'disable': maybe"
                    "bad item"

                Expect.equal (execute "m") "ok: *:enabled" "a bad item changes nothing"

            testCase "bad commands are answered with an error and change nothing"
            <| fun () ->
                let reporter = console LogLevel.Info

                for command in [ "Lnope"; "L*:loud"; ""; "x"; "M*:disable" ] do
                    Expect.stringStarts (MonitoringCommands.Execute(command, reporter)) "error: " command

                Expect.equal (MonitoringCommands.Execute("l", reporter)) "ok: info" "unchanged"
                Expect.stringStarts (MonitoringCommands.Execute("l", null)) "error: " "a reporter that cannot adjust"
        ]
