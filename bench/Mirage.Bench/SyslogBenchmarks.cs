using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Sockets;
using Mirage.Runtime.Network.Tls;
using Mirage.Runtime.Syslog;

namespace Mirage.Bench;

/// <summary>
/// Log lines per second through each syslog transport to a loopback peer that reads and discards
/// (UDP datagrams, TCP and TLS octet-counted streams), beside the console reporter writing to
/// <see cref="TextWriter.Null"/> (the baseline): one operation reports <see cref="Lines"/> lines and
/// waits until the reporter has handed them all over.
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*Syslog*' --job short --inProcess</c>
/// (in process: on a loaded machine the generated project's build can outlast BenchmarkDotNet's 2 min limit).
/// </summary>
[MemoryDiagnoser]
public class SyslogBenchmarks
{
    /// <summary>Lines per operation.</summary>
    public const int Lines = 10_000;

    private readonly List<IDisposable> _peers = [];
    private readonly CancellationTokenSource _stop = new();
    private ConsoleReporter _console = null!;
    private SyslogReporter _udp = null!;
    private SyslogReporter _tcp = null!;
    private SyslogReporter _tls = null!;

    [GlobalSetup]
    public void Setup()
    {
        _console = new ConsoleReporter(TextWriter.Null, LogLevel.Info);
        var stack = SocketStack.Connect(SocketStackOptions.Create(new IpPrefix(IPAddress.Loopback, 8), null, ipv4Only: true, ipv6Only: false));

        var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _peers.Add(udp);
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await udp.ReceiveAsync(_stop.Token);
            }
        });
        _udp = Reporter(new UdpSyslogTransport(stack.Udp, (IPEndPoint)udp.Client.LocalEndPoint!));

        var tcp = Drain(stream => Task.FromResult(stream));
        _tcp = Reporter(new StreamSyslogTransport(stack.Tcp, tcp));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var tls = Drain(async stream =>
        {
            var ssl = new SslStream(stream);
            await ssl.AuthenticateAsServerAsync(certificate);
            return (Stream)ssl;
        });
        var trust = TlsTrust.Only([X509CertificateLoader.LoadCertificate(certificate.RawData)]);
        _tls = Reporter(new StreamSyslogTransport(stack.Tcp, tls, new SyslogTls("127.0.0.1", trust)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        foreach (var reporter in new[] { _udp, _tcp, _tls })
        {
            reporter.DisposeAsync().AsTask().Wait();
        }
        _peers.ForEach(p => p.Dispose());
    }

    [Benchmark(Baseline = true, Description = "console reporter to TextWriter.Null")]
    public void Console() => Report(_console);

    [Benchmark(Description = "syslog over UDP")]
    public Task Udp() => ReportAndFlush(_udp);

    [Benchmark(Description = "syslog over TCP")]
    public Task Tcp() => ReportAndFlush(_tcp);

    [Benchmark(Description = "syslog over TLS")]
    public Task Tls() => ReportAndFlush(_tls);

    private static SyslogReporter Reporter(ISyslogTransport transport) =>
        new(transport, new ConsoleReporter(TextWriter.Null, LogLevel.Info), "bench", capacity: 2 * Lines);

    private static void Report(IReporter reporter)
    {
        for (var i = 0; i < Lines; i++)
        {
            reporter.Report("application", LogLevel.Info, "GET / 200 13 bytes in 0.1 ms");
        }
    }

    private static async Task ReportAndFlush(SyslogReporter reporter)
    {
        Report(reporter);
        if (!await reporter.FlushAsync(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"{reporter.Describe}: not flushed");
        }
    }

    // A loopback listener that accepts connections and reads (through `wrap`) and discards everything.
    private IPEndPoint Drain(Func<Stream, Task<Stream>> wrap)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _peers.Add(listener);
        _ = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (!_stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    using var stream = await wrap(client.GetStream());
                    while (await stream.ReadAsync(buffer) > 0)
                    {
                    }
                });
            }
        });
        return (IPEndPoint)listener.LocalEndpoint;
    }
}
