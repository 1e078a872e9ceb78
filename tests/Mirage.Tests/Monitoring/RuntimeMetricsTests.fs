/// Upstream mirage-monitoring pushes a "memory" source (heap, live, stack and free words); here .NET's own
/// System.Runtime meter, which the monitoring device and the Prometheus endpoint listen to, gives its
/// counterparts: the GC heap after the last collection, memory committed, bytes allocated, the working
/// set and the thread pool's threads.
module Mirage.Tests.Monitoring.RuntimeMetricsTests

open System
open Expecto
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Prometheus

[<Tests>]
let tests =
    testList
        "Monitoring.Runtime"
        [
            testCase "the default collector carries the runtime's heap, allocation, memory and thread gauges"
            <| fun () ->
                use collector = new MetricsCollector()
                GC.Collect()

                let values =
                    collector.Instruments() |> Seq.map (fun i -> i.Name, i.Value) |> Map.ofSeq

                for name in
                    [
                        "dotnet.gc.last_collection.heap.size"
                        "dotnet.gc.last_collection.memory.committed_size"
                        "dotnet.gc.heap.total_allocated"
                        "dotnet.gc.collections"
                        "dotnet.process.memory.working_set"
                        "dotnet.thread_pool.thread.count"
                    ] do
                    Expect.isGreaterThan (values |> Map.tryFind name |> Option.defaultValue 0.) 0. name

                let scraped = PrometheusText.Format(collector.Instruments())
                Expect.stringContains scraped "\ndotnet_gc_heap_total_allocated_bytes_total " "allocated bytes scraped"
                Expect.stringContains scraped "\ndotnet_process_memory_working_set_bytes " "working set scraped"
        ]
