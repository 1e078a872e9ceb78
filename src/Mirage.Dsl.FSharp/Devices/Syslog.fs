namespace Mirage

open Mirage.Devices

/// The module type of syslog reporters (upstream's <c>syslog</c>).
type syslog = Mirage.CSharp.Syslog

/// Logs and metrics off the box (upstream's <c>syslog_udp</c>, <c>syslog_tcp</c>, <c>syslog_tls</c>: depend
/// on one, <c>main (..., deps = [ dep (syslog_udp stack) ])</c>, and run with <c>--syslog=IP</c>; and
/// <c>monitoring stack</c>, a job, with <c>--monitor=IP</c>).
[<AutoOpen>]
module SyslogDevices =
    type Dsl with
        /// Syslog reporters.
        static member syslog: syslog typ = ModuleTypes.Syslog

        /// <summary>Logs to <c>--syslog</c> over UDP (upstream's <c>syslog_udp ?group stack</c>).</summary>
        static member syslog_udp(stack: stackv4v6 impl, ?group: string) : syslog impl =
            Catalogue.SyslogUdp(stack, defaultArg group "")

        /// <summary>Logs to <c>--syslog</c> over TCP, octet-counted (upstream's <c>syslog_tcp ?group stack</c>).</summary>
        static member syslog_tcp(stack: stackv4v6 impl, ?group: string) : syslog impl =
            Catalogue.SyslogTcp(stack, defaultArg group "")

        /// <summary>
        /// Logs to <c>--syslog</c> over TLS, trusting <c>ca-roots.crt</c> of <paramref name="kv"/>
        /// (upstream's <c>syslog_tls ?group stack kv</c>).
        /// </summary>
        static member syslog_tls(stack: stackv4v6 impl, kv: kv_ro impl, ?group: string) : syslog impl =
            Catalogue.SyslogTls(stack, kv, defaultArg group "")

        /// <summary>
        /// Metrics to <c>--monitor</c> every 10 s in InfluxDB line protocol, and log levels adjustable
        /// on TCP port 2323 (upstream's <c>monitoring ?group stack</c>): a job.
        /// </summary>
        static member monitoring(stack: stackv4v6 impl, ?group: string) : job impl =
            Catalogue.Monitoring(stack, defaultArg group "")

        /// <summary>
        /// <paramref name="server"/> also answering <c>GET /metrics</c> (or <paramref name="path"/>) with
        /// the runtime's metrics in Prometheus text format; not an upstream device.
        /// </summary>
        static member prometheus_metrics(server: http_server impl, ?path: string) : http_server impl =
            Catalogue.PrometheusMetrics(server, Option.toObj path)
