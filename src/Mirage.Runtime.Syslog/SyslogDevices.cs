using System.Net;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// What the <c>syslog_udp</c>, <c>syslog_tcp</c> and <c>syslog_tls</c> devices connect: with
/// <c>--syslog</c>, a <see cref="SyslogReporter"/> over the stack installed as the platform's
/// reporter (keeping the console reporter's thresholds); without, a warning and the console as
/// before (null), as upstream.
/// </summary>
public static class SyslogDevices
{
    /// <summary>UDP datagrams are cut at this size unless <c>--syslog-truncate</c> says otherwise (upstream's default).</summary>
    public const int UdpTruncate = 65535;

    private static readonly LogSource Log = new(SyslogSender.Source);

    /// <summary>syslog_udp.</summary>
    public static SyslogReporter? ConnectUdp(IStackV4V6 stack, string hostname, IPAddress? server, int port, int? truncate)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return server is null
            ? None()
            : Install(new UdpSyslogTransport(stack.Udp, new IPEndPoint(server, port)), hostname, truncate ?? UdpTruncate);
    }

    /// <summary>syslog_tcp.</summary>
    public static SyslogReporter? ConnectTcp(IStackV4V6 stack, string hostname, IPAddress? server, int port, int? truncate)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return server is null
            ? None()
            : Install(new StreamSyslogTransport(stack.Tcp, new IPEndPoint(server, port)), hostname, truncate);
    }

    /// <summary>
    /// syslog_tls: the collector's certificate must chain to <c>ca-roots.crt</c> in
    /// <paramref name="kv"/> and name its IP address; with <paramref name="keyname"/>, NAME.pem and
    /// NAME.key from <paramref name="kv"/> are the client certificate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store lacks the roots or the named key pair (upstream's <c>invalid_arg</c>).</exception>
    public static async Task<SyslogReporter?> ConnectTlsAsync(
        IStackV4V6 stack, IKvRo kv, string hostname, IPAddress? server, int port, int? truncate, string? keyname,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(kv);
        if (server is null)
        {
            return None();
        }
        var trust = await KvCertificates.TrustAsync(kv, cancellationToken).ConfigureAwait(false);
        if (trust.Trust is null)
        {
            throw new InvalidOperationException($"syslog_tls: {trust.Error}");
        }
        var client = keyname is null ? default : await KvCertificates.CertificateAsync(kv, keyname, cancellationToken).ConfigureAwait(false);
        if (keyname is not null && client.Certificate is null)
        {
            throw new InvalidOperationException($"syslog_tls: {client.Error}");
        }
        var tls = new SyslogTls(server.ToString(), trust.Trust, client.Certificate);
        return Install(new StreamSyslogTransport(stack.Tcp, new IPEndPoint(server, port), tls), hostname, truncate);
    }

    private static SyslogReporter? None()
    {
        Log.Warning("no syslog server specified, dumping logs to stdout");
        return null;
    }

    private static SyslogReporter Install(ISyslogTransport transport, string hostname, int? truncate)
    {
        var reporter = new SyslogReporter(transport, Platform.Reporter, hostname, truncate: truncate);
        reporter.FlushOnExit();
        Platform.UseReporter(reporter);
        return reporter;
    }
}
