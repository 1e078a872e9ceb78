using Microsoft.Extensions.Logging;
using Mirage.Runtime.Logging;
using MirageLevel = Mirage.Runtime.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Mirage.Runtime.Http;

/// <summary>
/// Sends ASP.NET Core's log messages to the unikernel's reporter, on the source <c>http</c>. Kestrel
/// reports a client's bad input (malformed requests, failed TLS handshakes) at debug level; a
/// unikernel has no other way to learn of them, so those come out as warnings.
/// </summary>
internal sealed class MirageLoggerProvider : ILoggerProvider
{
    private static readonly LogSource Source = new("http");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private static bool IsBadInput(string category) =>
        category.StartsWith("Microsoft.AspNetCore.Server.Kestrel.BadRequests", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore.Server.Kestrel.Https", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore.Server.Kestrel.Http2", StringComparison.Ordinal);

    private sealed class Logger(string category) : ILogger
    {
        private readonly bool _badInput = IsBadInput(category);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MsLevel logLevel) => Source.IsEnabled(Map(logLevel));

        public void Log<TState>(MsLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel);
            if (!Source.IsEnabled(level))
            {
                return;
            }
            var message = formatter(state, exception);
            if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal))
            {
                message = $"{message}: {exception.Message}";
            }
            Source.Report(level, message);
        }

        private MirageLevel Map(MsLevel level) => level switch
        {
            MsLevel.Critical or MsLevel.Error => MirageLevel.Error,
            MsLevel.Warning => MirageLevel.Warning,
            MsLevel.Debug when _badInput => MirageLevel.Warning,
            MsLevel.Information => MirageLevel.Info,
            _ => MirageLevel.Debug,
        };
    }
}
