using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// A reporter sending each message to a syslog collector (upstream's <c>Logs_syslog_mirage</c>):
/// encoded at once, queued without waiting, sent by a background task (<see cref="SyslogSender"/>).
/// It replaces the console reporter as upstream does, keeps its thresholds (<c>-l/--logs</c>), and
/// reports its own faults there. Disposing stops the sender.
/// </summary>
public sealed class SyslogReporter : IAdjustableReporter, IAsyncDisposable
{
    /// <summary>How many messages wait for a collector before newer ones are dropped.</summary>
    public const int DefaultCapacity = 4096;

    private readonly IReporter _console;
    private readonly string _hostname;
    private readonly SyslogFormat _format;
    private readonly int? _truncate;
    private readonly IPClock? _clock;
    private readonly SyslogQueue _queue;
    private readonly SyslogSender _sender;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;
    private EventHandler? _atExit;

    /// <summary>How long the process waits at exit for queued messages to go (<see cref="FlushAtExit"/>).</summary>
    public static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A reporter to <paramref name="transport"/> with <paramref name="hostname"/> in each message,
    /// the thresholds of <paramref name="console"/> (where its own faults go too), at most
    /// <paramref name="capacity"/> messages waiting, and times from <paramref name="clock"/> (null:
    /// <see cref="Platform.PClock"/>).
    /// </summary>
    public SyslogReporter(
        ISyslogTransport transport,
        IReporter console,
        string hostname,
        SyslogFormat format = SyslogFormat.Rfc5424,
        int? truncate = null,
        int capacity = DefaultCapacity,
        SyslogBackoff? backoff = null,
        TimeProvider? time = null,
        IPClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _console = console ?? throw new ArgumentNullException(nameof(console));
        _hostname = hostname ?? throw new ArgumentNullException(nameof(hostname));
        _format = format;
        _truncate = truncate;
        _clock = clock;
        _queue = new SyslogQueue(capacity);
        _sender = new SyslogSender(transport, _queue, console, backoff ?? SyslogBackoff.Default, time ?? TimeProvider.System);
        Describe = transport.Describe;
        _sending = Task.Run(() => _sender.RunAsync(_stop.Token));
        SyslogMetrics.Track(this);
    }

    /// <summary>Where the messages go: <c>tcp://192.0.2.1:514</c>.</summary>
    public string Describe { get; }

    /// <summary>Messages accepted for sending.</summary>
    public long Queued => _queue.Queued;

    /// <summary>Messages handed to the collector's connection.</summary>
    public long Sent => _sender.Sent;

    /// <summary>Messages dropped because the buffer was full (the newest ones: an outage keeps its first messages).</summary>
    public long Dropped => _queue.Dropped;

    /// <summary>Connections opened to the collector so far.</summary>
    public long Connections => _sender.Connections;

    /// <summary>Whether a connection is open now (always, for UDP, once the first message went).</summary>
    public bool IsConnected => _sender.IsConnected;

    /// <inheritdoc />
    public bool IsEnabled(string source, LogLevel level) => _console.IsEnabled(source, level);

    /// <inheritdoc />
    public LogThresholds Thresholds =>
        _console is IAdjustableReporter adjustable ? adjustable.Thresholds : throw new NotSupportedException("the console reporter's thresholds are fixed");

    /// <inheritdoc />
    public void Adjust(LogThresholds logs)
    {
        if (_console is not IAdjustableReporter adjustable)
        {
            throw new NotSupportedException("the console reporter's thresholds are fixed");
        }
        adjustable.Adjust(logs);
    }

    /// <inheritdoc />
    public void Report(string source, LogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        if (!_console.IsEnabled(source, level))
        {
            return;
        }
        var time = PClockTime.NowIfAny(_clock ?? Platform.PClock);
        _queue.TryAdd(SyslogMessage.Encode(_format, time, _hostname, source, level, message, _truncate));
    }

    /// <summary>Waits until every queued message was sent, or <paramref name="timeout"/>; true when all were.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_sender.IsIdle)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// Sends what is queued when the process exits (however the unikernel ends: its jobs done, a
    /// signal, a failure), waiting at most <see cref="ExitDeadline"/> so that a dead collector never
    /// holds the exit. The devices install this; disposing removes it.
    /// </summary>
    public void FlushOnExit()
    {
        if (_atExit is null)
        {
            _atExit = (_, _) => FlushAtExit(ExitDeadline);
            AppDomain.CurrentDomain.ProcessExit += _atExit;
        }
    }

    /// <summary>
    /// Waits at most <paramref name="deadline"/> for the queue to be sent; says on the console how
    /// many messages were left when it could not. True when every message went.
    /// </summary>
    public bool FlushAtExit(TimeSpan deadline)
    {
        if (FlushAsync(deadline).GetAwaiter().GetResult())
        {
            return true;
        }
        _console.Report(SyslogSender.Source, LogLevel.Warning, $"{Describe}: {_sender.Pending} messages not sent at exit (waited {deadline.TotalSeconds} s)");
        return false;
    }

    /// <summary>Stops sending (waiting at most 5 s for a write in progress); what is still queued is not sent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_atExit is { } atExit)
        {
            AppDomain.CurrentDomain.ProcessExit -= atExit;
        }
        _queue.Complete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sending.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        SyslogMetrics.Untrack(this);
    }
}
