using Mirage.Runtime.Tcpip.Ipv4;
using Mirage.Runtime.Tcpip.Ipv6;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// How to build a direct stack: the runtime arguments of upstream's <c>generic_stackv4v6</c> with
/// <c>--net=direct</c> (<c>--ipv4</c>, <c>--ipv4-gateway</c>, <c>--ipv6</c>, <c>--ipv6-gateway</c>,
/// <c>--accept-router-advertisements</c>, <c>--dhcp</c>, <c>--ipv4-only</c>, <c>--ipv6-only</c>), parsed.
/// </summary>
public sealed record DirectStackOptions
{
    /// <summary>Upstream's defaults: 10.0.0.2/24 through 10.0.0.1, IPv6 link-local only.</summary>
    public static readonly DirectStackOptions Default = new();

    /// <summary>The static IPv4 configuration (ignored with <see cref="Dhcp"/>).</summary>
    public Ipv4Config Ipv4 { get; init; } = Ipv4Config.Default;

    /// <summary>The IPv6 configuration.</summary>
    public Ipv6Config Ipv6 { get; init; } = Ipv6Config.Default;

    /// <summary>Take the IPv4 configuration from a DHCP server.</summary>
    public bool Dhcp { get; init; }

    /// <summary>No IPv6 layer.</summary>
    public bool Ipv4Only { get; init; }

    /// <summary>No IPv4 layer.</summary>
    public bool Ipv6Only { get; init; }

    /// <summary>How often the layers' timers are looked at.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long <see cref="DirectStack.ConnectAsync"/> waits for a DHCP lease.</summary>
    public TimeSpan DhcpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP's tunables (buffers, timers, bounds).</summary>
    public Tcp.TcpSettings Tcp { get; init; } = new();

    /// <summary>A problem naming the argument (upstream's wording of the key), or null.</summary>
    public string? Validate()
    {
        if (Ipv4Only && Ipv6Only)
        {
            return "--ipv4-only and --ipv6-only: at most one of them";
        }
        return (Dhcp ? null : Ipv4.Validate()) ?? Ipv6.Validate();
    }
}
