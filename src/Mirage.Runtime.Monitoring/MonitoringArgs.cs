using System.Net;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Monitoring;

/// <summary>The monitoring device's runtime argument (upstream's): <c>--monitor=IP</c>, optionally prefixed by a group.</summary>
public static class MonitoringArgs
{
    /// <summary><c>--monitor=IP</c>: where metrics go (none: no metrics are sent).</summary>
    public static ArgSpec<IPAddress?> Monitor(string group = "") =>
        Arg.OptIpAddress(group.Length == 0 ? "monitor" : $"{group}-monitor", "The monitor server's IP address (none: no metrics are sent).");
}
