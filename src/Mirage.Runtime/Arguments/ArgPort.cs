using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Mirage.Runtime.Arguments;

public static partial class Arg
{
    /// <summary>
    /// A TCP or UDP port to listen on: a decimal number from 1 to 65535. Anything else (0, which
    /// would ask the system for any port, a negative number, 65536 and above) is refused when the
    /// unikernel starts, as every bad argument is.
    /// </summary>
    public static ArgSpec<int> Port(string name, int @default, string doc, string docv = "PORT")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(@default);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(@default, IPEndPoint.MaxPort);
        return Custom([name], @default, doc, docv, ParsePort, static port => port.ToString(CultureInfo.InvariantCulture));
    }

    private static bool ParsePort(string text, out int value, [NotNullWhen(false)] out string? error)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value is > 0 and <= IPEndPoint.MaxPort;
        error = ok ? null : $"expected a port from 1 to {IPEndPoint.MaxPort}";
        return ok;
    }
}
