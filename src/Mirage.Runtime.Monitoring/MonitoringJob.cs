using System.Buffers;
using System.Net;
using System.Text;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Monitoring;

/// <summary>
/// The <c>monitoring</c> device (upstream's <c>Mirage_monitoring.Make</c>): with <c>--monitor=IP</c>,
/// metrics pushed to IP:8094 every 10 s in line protocol, and a command listener on TCP port 2323
/// that adjusts log levels and switches metrics sources (<see cref="MonitoringCommands"/>); without, a warning, as upstream.
/// It starts when connected, as upstream's <c>create</c> does, so it works as a job or as a
/// dependency; as a job it completes at once. Disposing stops it.
/// </summary>
public sealed class MonitoringJob : Mirage.Runtime.IJob, IAsyncDisposable
{
    /// <summary>Where the metrics go (Telegraf's <c>socket_listener</c> port, upstream's default).</summary>
    public const int DefaultPort = 8094;

    /// <summary>The command listener's port (upstream's <c>listen_port</c>).</summary>
    public const int DefaultListenPort = 2323;

    /// <summary>Seconds between two rounds (upstream's <c>interval</c>).</summary>
    public const int DefaultIntervalSeconds = 10;

    // A command is a line of thresholds: far less than this.
    private const int MaxCommandBytes = 4096;

    private static readonly LogSource Log = new(MonitoringPusher.Source);
    private readonly MonitoringPusher? _pusher;
    private readonly ITcp? _tcp;
    private readonly int _listenPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private MonitoringJob(MonitoringPusher? pusher, ITcp? tcp, int listenPort)
    {
        _pusher = pusher;
        _tcp = tcp;
        _listenPort = listenPort;
        _running = pusher is null ? Task.CompletedTask : Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The pusher (null without <c>--monitor</c>).</summary>
    public MonitoringPusher? Pusher => _pusher;

    /// <summary>What the device connects: monitoring of <paramref name="stack"/>'s unikernel <paramref name="hostname"/> to <paramref name="monitor"/>.</summary>
    public static MonitoringJob Connect(IStackV4V6 stack, string hostname, IPAddress? monitor) =>
        Create(stack, hostname, monitor, DefaultPort, DefaultListenPort, TimeSpan.FromSeconds(DefaultIntervalSeconds));

    /// <summary>Monitoring with every port and the interval chosen (tests); <paramref name="udp"/> sends datagrams instead of a TCP stream.</summary>
    public static MonitoringJob Create(IStackV4V6 stack, string hostname, IPAddress? monitor, int port, int listenPort, TimeSpan interval, bool udp = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (monitor is null)
        {
            Log.Warning("no monitor specified, not outputting statistics");
            return new MonitoringJob(null, null, 0);
        }
        var collector = new IPEndPoint(monitor, port);
        IMetricsSink sink = udp ? new UdpMetricsSink(stack.Udp, collector) : new TcpMetricsSink(stack.Tcp, collector);
        return new MonitoringJob(new MonitoringPusher(new MetricsCollector(), sink, hostname, interval), stack.Tcp, listenPort);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops pushing and listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_pusher is null || _tcp is null)
        {
            return;
        }
        var collector = _pusher.Collector;
        if (_tcp.Listen(_listenPort, flow => AnswerAsync(flow, collector)) is { } error)
        {
            Log.Error($"cannot listen for commands on port {_listenPort}: {error}");
        }
        try
        {
            await _pusher.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _tcp.Unlisten(_listenPort);
        }
    }

    // One command per connection, as upstream: read it, answer, close.
    private static async ValueTask AnswerAsync(ITcpFlow flow, MetricsCollector collector)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var read = await flow.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (!read.IsData || read.Data.Length == 0)
            {
                return;
            }
            var bytes = read.Data.Length > MaxCommandBytes ? read.Data.Slice(0, MaxCommandBytes) : read.Data;
            var command = Encoding.UTF8.GetString(bytes.ToArray());
            var answer = MonitoringCommands.Execute(command, Platform.Reporter as IAdjustableReporter, collector);
            if (command.Length > 0 && command[0] is 'L' or 'M' && answer == "ok")
            {
                Log.Info($"{(command[0] == 'L' ? "log levels" : "metrics sources")} set to {command[1..].Trim()}");
            }
            await flow.WriteAsync(Encoding.UTF8.GetBytes(answer), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A client that says nothing is closed on.
        }
        finally
        {
            await flow.CloseAsync().ConfigureAwait(false);
        }
    }
}
