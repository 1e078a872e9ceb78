using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Mirage.Runtime.Logging;
using MirageLevel = Mirage.Runtime.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Mirage.Runtime.Http;

/// <summary>
/// Sends ASP.NET Core's log messages to the unikernel's reporter, on the source <c>http</c>. Kestrel
/// reports a client's bad input (malformed requests, failed TLS handshakes) at debug level; a
/// unikernel has no other way to learn of them, so those come out as warnings. Per-request and
/// start-up information is debug: an HTTP unikernel's log is not an access log. A peer that resets
/// its connection is no bad input: Kestrel's reports of it are left out, the connection's own debug
/// line says it once.
/// </summary>
internal sealed class MirageLoggerProvider : ILoggerProvider
{
    private static readonly LogSource Source = new("http");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private static bool IsBadInput(string category, EventId eventId) =>
        category == "Microsoft.AspNetCore.Server.Kestrel.BadRequests"
        || eventId.Name is "AuthenticationFailed" or "Http2ConnectionError" or "Http3ConnectionError";

    // A peer's reset is not bad input: the connection reports it once, at debug level (FlowConnection).
    private static bool IsReset(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConnectionResetException)
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Bad input may be reported at debug level, so debug messages stay enabled when warnings are.
        public bool IsEnabled(MsLevel logLevel) =>
            Source.IsEnabled(logLevel == MsLevel.Debug ? MirageLevel.Warning : Map(logLevel, badInput: false));

        public void Log<TState>(MsLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel, IsBadInput(category, eventId));
            if (!Source.IsEnabled(level) || IsReset(exception))
            {
                return;
            }
            var message = formatter(state, exception);
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (!message.Contains(e.Message, StringComparison.Ordinal))
                {
                    message = $"{message.TrimEnd('.')}: {e.Message}";
                }
            }
            Source.Report(level, message);
        }

        private static MirageLevel Map(MsLevel level, bool badInput) => level switch
        {
            MsLevel.Critical or MsLevel.Error => MirageLevel.Error,
            MsLevel.Warning => MirageLevel.Warning,
            _ when badInput => MirageLevel.Warning,
            _ => MirageLevel.Debug,
        };
    }
}
