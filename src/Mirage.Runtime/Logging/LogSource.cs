using System.Runtime.CompilerServices;

namespace Mirage.Runtime.Logging;

/// <summary>
/// A named log source (upstream's <c>Logs.Src</c>): its messages go to <see cref="Platform.Reporter"/>,
/// which may show each source at its own threshold (<c>--logs=tcp:debug</c>).
/// </summary>
public sealed class LogSource
{
    /// <summary>A source named <paramref name="name"/>; <see cref="Log.Source"/> is the usual way to get one.</summary>
    public LogSource(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The source's name, shown in brackets on each line.</summary>
    public string Name { get; }

    /// <summary>Whether the installed reporter would show a message of <paramref name="level"/> from this source.</summary>
    public bool IsEnabled(LogLevel level) => Platform.Reporter.IsEnabled(Name, level);

    /// <summary>Reports <paramref name="message"/> at <paramref name="level"/>, if that level is enabled.</summary>
    public void Report(LogLevel level, string message)
    {
        var reporter = Platform.Reporter;
        if (reporter.IsEnabled(Name, level))
        {
            reporter.Report(Name, level, message);
        }
    }

    /// <summary>Reports an application message (<c>APP</c>).</summary>
    public void App(string message) => Report(LogLevel.App, message);

    /// <summary>Reports an application message (<c>APP</c>), formatted only if shown.</summary>
    public void App([InterpolatedStringHandlerArgument("")] ref LogInterpolatedStringHandler<LogLevelTag.App> message) =>
        Report(ref message);

    /// <summary>Reports an error (<c>ERR</c>).</summary>
    public void Error(string message) => Report(LogLevel.Error, message);

    /// <summary>Reports an error (<c>ERR</c>), formatted only if shown.</summary>
    public void Error([InterpolatedStringHandlerArgument("")] ref LogInterpolatedStringHandler<LogLevelTag.Error> message) =>
        Report(ref message);

    /// <summary>Reports a warning (<c>WRN</c>).</summary>
    public void Warning(string message) => Report(LogLevel.Warning, message);

    /// <summary>Reports a warning (<c>WRN</c>), formatted only if shown.</summary>
    public void Warning([InterpolatedStringHandlerArgument("")] ref LogInterpolatedStringHandler<LogLevelTag.Warning> message) =>
        Report(ref message);

    /// <summary>Reports information (<c>INF</c>).</summary>
    public void Info(string message) => Report(LogLevel.Info, message);

    /// <summary>Reports information (<c>INF</c>), formatted only if shown.</summary>
    public void Info([InterpolatedStringHandlerArgument("")] ref LogInterpolatedStringHandler<LogLevelTag.Info> message) =>
        Report(ref message);

    /// <summary>Reports a debugging detail (<c>DBG</c>).</summary>
    public void Debug(string message) => Report(LogLevel.Debug, message);

    /// <summary>Reports a debugging detail (<c>DBG</c>), formatted only if shown.</summary>
    public void Debug([InterpolatedStringHandlerArgument("")] ref LogInterpolatedStringHandler<LogLevelTag.Debug> message) =>
        Report(ref message);

    /// <summary>Reports a message that a handler built (it was enabled when it started).</summary>
    internal void Report<TLevel>(ref LogInterpolatedStringHandler<TLevel> message)
        where TLevel : struct, ILogLevelTag
    {
        if (message.IsEnabled)
        {
            Platform.Reporter.Report(Name, TLevel.Level, message.ToStringAndClear());
        }
    }

    /// <summary>The source's name.</summary>
    public override string ToString() => Name;
}
