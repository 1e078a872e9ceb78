namespace Mirage.Runtime.Logging;

/// <summary>Where log messages go: the <c>reporter</c> module type (upstream's <c>Logs.reporter</c>).</summary>
public interface IReporter
{
    /// <summary>
    /// Whether a message of <paramref name="level"/> from <paramref name="source"/> would be shown.
    /// <see cref="Log"/> asks before it formats a message, so that disabled levels cost almost nothing.
    /// </summary>
    bool IsEnabled(string source, LogLevel level) => true;

    /// <summary>Shows (or drops) one message of <paramref name="level"/> from <paramref name="source"/>.</summary>
    void Report(string source, LogLevel level, string message);
}
