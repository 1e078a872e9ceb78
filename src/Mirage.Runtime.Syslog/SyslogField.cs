using System.Text;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// Header fields of a syslog message: RFC 5424 allows only printable US-ASCII (33 to 126) in
/// HOSTNAME, APP-NAME and MSGID, each up to a length, and the NILVALUE <c>-</c> when empty. Anything
/// else becomes <c>_</c>, so a header can never be split or forged by its content.
/// </summary>
internal static class SyslogField
{
    public const string Nil = "-";

    /// <summary><paramref name="text"/> as a header field of at most <paramref name="maxLength"/> characters.</summary>
    public static string Header(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Nil;
        }
        var field = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (field.Length == maxLength)
            {
                break;
            }
            field.Append(c is >= '!' and <= '~' ? c : '_');
        }
        return field.ToString();
    }
}
