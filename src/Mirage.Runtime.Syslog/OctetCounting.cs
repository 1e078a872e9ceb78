using System.Globalization;
using System.Text;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// RFC 6587 section 3.4.1 octet-counting framing for syslog over a stream (TCP, TLS): each message
/// is preceded by its length in bytes, in decimal, and a space. Unlike LF framing it carries any
/// message byte for byte.
/// </summary>
public static class OctetCounting
{
    /// <summary><c>MSG-LEN SP SYSLOG-MSG</c>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        var frame = new byte[prefix.Length + message.Length];
        prefix.CopyTo(frame, 0);
        message.CopyTo(frame.AsSpan(prefix.Length));
        return frame;
    }
}
