using Mirage.Devices.Contract;
using System.Globalization;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// A DNS client over a stack and happy eyeballs (upstream's <c>generic_dns_client</c>): a
    /// functor from <c>stackv4v6</c> and <c>happy_eyeballs</c>, which it teaches to look host names
    /// up. Its runtime arguments are upstream's <c>--dns-servers</c> (comma-separated
    /// <c>udp:IP[:PORT]</c>/<c>tcp:IP[:PORT]</c>), <c>--dns-timeout</c> (nanoseconds) and
    /// <c>--dns-cache-size</c>, prefixed by <paramref name="group"/>; the values given here are
    /// their defaults (null: UncensoredDNS's resolvers, 5 s, 32). With <paramref name="dhcp"/> (upstream's
    /// <c>?dhcp:(requests, lease)</c>) it adds the DNS servers option to the requests and, when no nameserver is
    /// given, asks the lease's DNS servers. Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax, a timeout that is not positive, a negative cache size.</exception>
    public static Impl<Fn<StackV4V6, Fn<HappyEyeballs, DnsClient>>> GenericDnsClient(
        string group = "",
        long? timeout = null,
        IReadOnlyList<string>? nameservers = null,
        int? cacheSize = null,
        (DhcpRequests Requests, Impl<Lease> Lease)? dhcp = null)
    {
        CheckNameservers("generic_dns_client", nameservers);
        var lease = LeaseOf(dhcp);
        if (timeout is <= 0)
        {
            throw new ArgumentException($"generic_dns_client: timeout is a positive number of nanoseconds, not {timeout}", nameof(timeout));
        }
        if (cacheSize is < 0)
        {
            throw new ArgumentException($"generic_dns_client: cache_size is 0 or more, not {cacheSize}", nameof(cacheSize));
        }
        var g = CSharpLiteral.String(group);
        var servers = nameservers is null
            ? "null"
            : $"new string[] {{ {string.Join(", ", nameservers.Select(CSharpLiteral.String))} }}";
        IReadOnlyList<RuntimeArg> args =
        [
            new(GroupName(group, "dns-servers"), "DNS servers.", "System.Collections.Generic.IReadOnlyList<string>?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsArgs.Servers))}({servers}, {g})"),
            new(GroupName(group, "dns-timeout"), "DNS timeout (in nanoseconds).", "long?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsArgs.Timeout))}({NullableLong(timeout)}, {g})"),
            new(GroupName(group, "dns-cache-size"), "DNS cache size.", "int?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsArgs.CacheSize))}({(cacheSize is { } c ? c.ToString(CultureInfo.InvariantCulture) : "null")}, {g})"),
        ];
        return Declare.Device(
            "DnsClient",
            ModuleTypes.StackV4V6.To(ModuleTypes.HappyEyeballs.To(ModuleTypes.DnsClient)),
            runtimeArgs: args,
            extraDeps: lease,
            connect: context =>
                (lease is null
                    ? RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsClient.Connect))
                    : RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsClient.ConnectWithLease)))
                + $"({context.Arguments[0]}, {context.Arguments[1]}, "
                + string.Concat(context.ExtraDependencies.Select(d => d + ", "))
                + string.Join(", ", args.Select(a => context.RuntimeArguments[a.Name])) + ")");
    }

    /// <summary>
    /// The lease a DNS device reads (upstream's <c>?dhcp</c>), as its extra dependency, after adding the DNS servers
    /// option to the requests; none without.
    /// </summary>
    private static IReadOnlyList<AbstractImpl>? LeaseOf((DhcpRequests Requests, Impl<Lease> Lease)? dhcp)
    {
        if (dhcp is not { } given)
        {
            return null;
        }
        var (requests, lease) = given;
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(lease);
        requests.Add(Mirage.Runtime.Network.DhcpLeaseOptions.DnsServersCode);
        return [lease];
    }

    /// <summary>Refuses, at configure time, a nameserver the runtime's own parser would refuse when it starts.</summary>
    private static void CheckNameservers(string device, IReadOnlyList<string>? nameservers)
    {
        foreach (var nameserver in nameservers ?? [])
        {
            if (!Mirage.Runtime.Network.Dns.Nameserver.TryParse(nameserver, out _, out _))
            {
                throw new ArgumentException(
                    $"{device}: nameserver '{nameserver}' is not udp:IP[:PORT] or tcp:IP[:PORT]", nameof(nameservers));
            }
        }
    }
}
