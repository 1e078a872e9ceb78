namespace Mirage.Runtime.Syslog;

/// <summary>Which syslog message format a reporter writes.</summary>
public enum SyslogFormat
{
    /// <summary>RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG</c>.</summary>
    Rfc5424,

    /// <summary>RFC 3164 (BSD syslog, what logs-syslog writes): <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG: MSG</c>.</summary>
    Rfc3164,
}
