using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Syslog reporters (upstream's <c>syslog</c>).</summary>
    public static readonly Typ<Syslog> Syslog = ModuleTypes.Syslog;
}

public static partial class Devices
{
    /// <summary>Logs to <c>--syslog</c> over UDP (upstream's <c>syslog_udp ?group stack</c>).</summary>
    public static Impl<Syslog> SyslogUdp(Impl<StackV4V6> stack, string group = "") => Catalogue.SyslogUdp(stack, group);

    /// <summary>Logs to <c>--syslog</c> over TCP, octet-counted (upstream's <c>syslog_tcp ?group stack</c>).</summary>
    public static Impl<Syslog> SyslogTcp(Impl<StackV4V6> stack, string group = "") => Catalogue.SyslogTcp(stack, group);

    /// <summary>Logs to <c>--syslog</c> over TLS, trusting <c>ca-roots.crt</c> of the store (upstream's <c>syslog_tls ?group stack kv</c>).</summary>
    public static Impl<Syslog> SyslogTls(Impl<StackV4V6> stack, Impl<KvRo> kv, string group = "") => Catalogue.SyslogTls(stack, kv, group);
}

public static partial class Devices
{
    /// <summary>Metrics to <c>--monitor</c> in InfluxDB line protocol, log levels adjustable on port 2323 (upstream's <c>monitoring ?group stack</c>): a job.</summary>
    public static Impl<Job> Monitoring(Impl<StackV4V6> stack, string group = "") => Catalogue.Monitoring(stack, group);
}

public static partial class Devices
{
    /// <summary>The server also answering <c>GET /metrics</c> (or <paramref name="path"/>) with the runtime's metrics in Prometheus text format; not an upstream device.</summary>
    public static Impl<HttpServer> PrometheusMetrics(Impl<HttpServer> server, string? path = null) => Catalogue.PrometheusMetrics(server, path);
}
