namespace Mirage.Runtime.Logging;

/// <summary>
/// How important a log message is, from the most to the least (upstream's <c>Logs.level</c>). A
/// threshold lets through its own level and every level before it; no threshold at all (a null
/// <see cref="LogLevel"/>?) is upstream's <c>quiet</c>.
/// </summary>
public enum LogLevel
{
    /// <summary>The application's own output (tag <c>APP</c>), shown unless logging is quiet.</summary>
    App,

    /// <summary>An error condition (tag <c>ERR</c>).</summary>
    Error,

    /// <summary>A suspicious condition that is not an error (tag <c>WRN</c>).</summary>
    Warning,

    /// <summary>Conditions worth knowing when all goes well (tag <c>INF</c>).</summary>
    Info,

    /// <summary>Details for debugging (tag <c>DBG</c>).</summary>
    Debug,
}
