using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network.HappyEyeballs;

namespace Mirage.Runtime.Network.Resolver;

/// <summary>
/// The host's own resolver (upstream's <c>resolver_unix_system</c>): <see cref="System.Net.Dns"/>,
/// which reads <c>/etc/hosts</c>, <c>/etc/resolv.conf</c> and nsswitch as any program on the host.
/// </summary>
public sealed class SystemResolver : IResolver
{
    /// <summary>The one system resolver.</summary>
    public static SystemResolver Instance { get; } = new();

    private SystemResolver() { }

    /// <summary>The connect code of <c>resolver_unix_system</c>.</summary>
    public static SystemResolver Connect() => Instance;

    /// <inheritdoc/>
    public async ValueTask<ResolveResult> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IpLiteral.TryParse(host, out var literal))
        {
            return ResolveResult.Found([literal]);
        }
        if (host.Length == 0)
        {
            return ResolveResult.Failed("an empty host name");
        }
        IPAddress[] found;
        try
        {
            found = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return ResolveResult.Failed($"{host}: {Describe(e.SocketErrorCode)}");
        }
        catch (ArgumentException e)
        {
            return ResolveResult.Failed($"{host}: not a host name ({e.Message})");
        }
        var addresses = HappyEyeballsState.Interleave(
            [.. found.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6)],
            [.. found.Where(a => a.AddressFamily == AddressFamily.InterNetwork)]);
        return addresses.Count > 0 ? ResolveResult.Found(addresses) : ResolveResult.Failed($"{host} has no address");
    }

    // The socket error's own message is a resource key under Native AOT; say it in words.
    private static string Describe(SocketError error) => error switch
    {
        SocketError.HostNotFound => "the host does not exist",
        SocketError.NoData => "the host has no address",
        SocketError.TryAgain => "the name server failed, try again",
        _ => $"the lookup failed ({error})",
    };
}
