using System.Net.Sockets;
using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network.Dns;

namespace Unikernel;

/// <summary>
/// Logs the IPv4 and IPv6 addresses of <c>--domain-name</c>, asked of the DNS client's nameservers
/// (<c>--dns-servers</c>): upstream's applications/dns.
/// </summary>
public sealed class Resolve(DnsClient dns, string? domainName) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (domainName is null)
        {
            throw new InvalidOperationException("--domain-name is required: the domain name to resolve");
        }
        if (!DomainName.TryParse(domainName, out var name, out var error))
        {
            throw new InvalidOperationException($"--domain-name: {error}");
        }
        var found = false;
        foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            var (addresses, failure) = await dns.GetAddressesAsync(name, family, cancellationToken);
            if (addresses is null)
            {
                Log.Info($"{name}: {failure}");
                continue;
            }
            found = true;
            foreach (var address in addresses)
            {
                Log.Info($"{name}: {address}");
            }
        }
        if (!found)
        {
            throw new InvalidOperationException($"{name} has no address");
        }
    }
}
