using Mirage.Runtime.Time;

namespace Mirage.Runtime.Logging;

/// <summary>
/// Reports each message as one line on standard output (or another writer), timestamped by the
/// POSIX clock: <c>2026-11-23T09:03:48.123Z INF [application] hello</c>. The default reporter
/// (upstream's <c>default_reporter</c>, mirage-logs).
/// </summary>
public sealed class ConsoleReporter : IAdjustableReporter
{
    private readonly TextWriter? _output;
    private readonly IPClock? _clock;
    // Replaced whole when adjusted at run time, so a reader sees the old or the new thresholds, never a mix.
    private volatile SourceThresholds _thresholds;

    /// <summary>
    /// A reporter writing to <paramref name="output"/> (null: <see cref="Console.Out"/> at each line)
    /// with the threshold <paramref name="level"/> for every source (null: quiet), overridden by
    /// <paramref name="logs"/>, and times from <paramref name="clock"/> (null: <see cref="Platform.PClock"/>
    /// at each line).
    /// </summary>
    public ConsoleReporter(TextWriter? output, LogLevel? level, LogThresholds? logs = null, IPClock? clock = null)
    {
        _output = output;
        _clock = clock;
        _thresholds = new SourceThresholds(level, logs);
    }

    /// <summary>
    /// The reporter on standard output: <paramref name="level"/> is the threshold of every source
    /// (null: quiet) and <paramref name="logs"/>, the <c>--logs</c> argument, overrides it.
    /// </summary>
    public static IReporter Connect(LogLevel? level, LogThresholds? logs) => new ConsoleReporter(null, level, logs);

    /// <summary>The threshold of <paramref name="source"/> (null: quiet).</summary>
    public LogLevel? ThresholdFor(string source) => _thresholds.For(source);

    /// <inheritdoc />
    public LogThresholds Thresholds => _thresholds.ToThresholds();

    /// <inheritdoc />
    public void Adjust(LogThresholds logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        _thresholds = _thresholds.With(logs);
    }

    /// <inheritdoc />
    public bool IsEnabled(string source, LogLevel level) => _thresholds.IsEnabled(source, level);

    /// <inheritdoc />
    public void Report(string source, LogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        if (!_thresholds.IsEnabled(source, level))
        {
            return;
        }

        var time = PClockTime.NowIfAny(_clock ?? Platform.PClock);
        var line = LogLine.Format(time, level, source, message);
        var output = _output ?? Console.Out;
        // Lock on the writer itself: Console.Out's synchronized writer locks on itself too, so lines
        // from every reporter sharing a writer come out whole and one at a time.
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
