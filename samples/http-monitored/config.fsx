// The http sample with its logs and metrics off the box, by two lines: `let syslog` (syslog over UDP
// to `--syslog=IP`, `--syslog-port`, as a dependency of main) and `monitoring stack` in register (the
// runtime's metrics in InfluxDB line protocol to `--monitor=IP`:8094 every 10 s, log levels adjustable
// on TCP port 2323). A third, optional, `prometheus_metrics` around the server, answers `GET /metrics`
// on the sample's own ports with the same metrics in Prometheus text format, for those who scrape.
// Unikernel.cs is the http sample's.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let port =
    runtime_arg ("port", Runtime_arg.port 8080, doc = "The port for HTTP/1.1.")

let h2c_port =
    runtime_arg ("h2c-port", Runtime_arg.port 8081, doc = "The port for HTTP/2 in clear (prior knowledge).")

let tls_port =
    runtime_arg ("tls-port", Runtime_arg.port 4343, doc = "The port for HTTPS (with --cert and --key).")

let cert =
    runtime_arg ("cert", Runtime_arg.opt_string, doc = "The server's certificate chain (PEM file).")

let key =
    runtime_arg ("key", Runtime_arg.opt_string, doc = "The server's private key (PEM file).")

let stack = generic_stackv4v6 ()

let syslog = dep (syslog_udp stack)

let http_args: abstract_runtime_arg list = [ port; h2c_port; tls_port; cert; key ]

let main =
    main ("Unikernel.Http", http_server @-> job, runtime_args = http_args, deps = [ syslog ])

register (
    "http-monitored",
    [
        main $ prometheus_metrics (paf_server (tcpv4v6_of_stackv4v6 $ stack))
        monitoring stack
    ]
)
