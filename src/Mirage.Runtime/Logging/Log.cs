namespace Mirage.Runtime.Logging;

/// <summary>
/// Logging for unikernel code: <c>Log.Info("hello")</c> reports on the <c>application</c> source, and
/// <see cref="Source"/> names others. Lines go through <see cref="Platform.Reporter"/>, e.g.
/// <c>2026-11-23T09:03:48.123Z INF [application] hello</c>.
/// </summary>
public static class Log
{
    /// <summary>The source of the unikernel's own messages, named <c>application</c>.</summary>
    public static LogSource Application { get; } = new("application");

    /// <summary>A log source named <paramref name="name"/>.</summary>
    public static LogSource Source(string name) => new(name);

    /// <summary>Reports an application message (<c>APP</c>) on <see cref="Application"/>.</summary>
    public static void App(string message) => Application.App(message);

    /// <summary>Reports an application message (<c>APP</c>) on <see cref="Application"/>, formatted only if shown.</summary>
    public static void App(ref LogInterpolatedStringHandler<LogLevelTag.App> message) => Application.Report(ref message);

    /// <summary>Reports an error (<c>ERR</c>) on <see cref="Application"/>.</summary>
    public static void Error(string message) => Application.Error(message);

    /// <summary>Reports an error (<c>ERR</c>) on <see cref="Application"/>, formatted only if shown.</summary>
    public static void Error(ref LogInterpolatedStringHandler<LogLevelTag.Error> message) => Application.Report(ref message);

    /// <summary>Reports a warning (<c>WRN</c>) on <see cref="Application"/>.</summary>
    public static void Warning(string message) => Application.Warning(message);

    /// <summary>Reports a warning (<c>WRN</c>) on <see cref="Application"/>, formatted only if shown.</summary>
    public static void Warning(ref LogInterpolatedStringHandler<LogLevelTag.Warning> message) => Application.Report(ref message);

    /// <summary>Reports information (<c>INF</c>) on <see cref="Application"/>.</summary>
    public static void Info(string message) => Application.Info(message);

    /// <summary>Reports information (<c>INF</c>) on <see cref="Application"/>, formatted only if shown.</summary>
    public static void Info(ref LogInterpolatedStringHandler<LogLevelTag.Info> message) => Application.Report(ref message);

    /// <summary>Reports a debugging detail (<c>DBG</c>) on <see cref="Application"/>.</summary>
    public static void Debug(string message) => Application.Debug(message);

    /// <summary>Reports a debugging detail (<c>DBG</c>) on <see cref="Application"/>, formatted only if shown.</summary>
    public static void Debug(ref LogInterpolatedStringHandler<LogLevelTag.Debug> message) => Application.Report(ref message);
}
