using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network.Dns;
using Mirage.Runtime.Network.HappyEyeballs;

namespace Mirage.Runtime.Network.Resolver;

/// <summary>
/// A resolver asking nameservers through a network stack (upstream's <c>resolver_dns</c>,
/// <c>Resolver_mirage</c>): our <see cref="DnsClient"/>, A and AAAA asked together.
/// </summary>
public sealed class DnsResolver(DnsClient client) : IResolver
{
    /// <summary>The DNS client asked.</summary>
    public DnsClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>
    /// The connect code of <c>resolver_dns</c>: a DNS client over <paramref name="stack"/> asking
    /// <paramref name="nameservers"/> (upstream's <c>--resolver</c>, each <c>udp:IP[:PORT]</c> or
    /// <c>tcp:IP[:PORT]</c>; null or empty: the DNS client's defaults).
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax.</exception>
    public static DnsResolver Connect(IStackV4V6 stack, IReadOnlyList<string>? nameservers)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (!Nameserver.TryParseAll(nameservers ?? [], out _, out var error))
        {
            throw new ArgumentException($"--resolver: {error}", nameof(nameservers));
        }
        return new DnsResolver(DnsClient.Connect(
            new StackDnsTransport(stack, Platform.Random), Platform.MClock, Platform.Random, nameservers, timeoutNs: null, cacheSize: null));
    }

    /// <summary>
    /// The connect code of <c>resolver_dns ~dhcp</c>: as the one above, but without <c>--resolver</c> it asks the DNS
    /// servers of the DHCP <paramref name="lease"/> (the defaults when it names none).
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax.</exception>
    public static DnsResolver ConnectWithLease(IStackV4V6 stack, DhcpLeaseOptions lease, IReadOnlyList<string>? nameservers) =>
        Connect(stack, DnsClient.NameserversOf(nameservers, lease));

    /// <inheritdoc/>
    public async ValueTask<ResolveResult> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IpLiteral.TryParse(host, out var literal))
        {
            return ResolveResult.Found([literal]);
        }
        if (!DomainName.TryParse(host, out var name, out var invalid))
        {
            return ResolveResult.Failed(invalid);
        }
        var v6 = Client.GetAddressesAsync(name, AddressFamily.InterNetworkV6, cancellationToken).AsTask();
        var v4 = Client.GetAddressesAsync(name, AddressFamily.InterNetwork, cancellationToken).AsTask();
        var (v6Addresses, v6Error) = await v6.ConfigureAwait(false);
        var (v4Addresses, v4Error) = await v4.ConfigureAwait(false);
        var addresses = HappyEyeballsState.Interleave(v6Addresses ?? [], v4Addresses ?? []);
        return addresses.Count > 0
            ? ResolveResult.Found(addresses)
            : ResolveResult.Failed(v6Error == v4Error ? v4Error ?? $"{name} has no address" : $"{v6Error}; {v4Error}");
    }
}
