using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Mirage.Runtime.Arguments;

public static partial class Arg
{
    /// <summary>
    /// An optional IPv4 or IPv6 address (upstream's <c>Arg.(some ip_address)</c>): absent is null;
    /// anything else than an address (a prefix, a host name) is refused when the unikernel starts.
    /// </summary>
    public static ArgSpec<IPAddress?> OptIpAddress(string name, string doc, string docv = "IP") =>
        Custom<IPAddress?>([name], null, doc, docv, ParseIpAddress, static value => value?.ToString() ?? "none");

    private static bool ParseIpAddress(string text, out IPAddress? value, [NotNullWhen(false)] out string? error)
    {
        // IPAddress.TryParse also takes "1" or "1.2" (old inet_aton forms): only dotted quads and IPv6.
        var ok = IPAddress.TryParse(text, out var address)
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? text.Contains(':') : text.Count(c => c == '.') == 3);
        value = ok ? address : null;
        error = ok ? null : "expected an IPv4 or IPv6 address";
        return ok;
    }
}
