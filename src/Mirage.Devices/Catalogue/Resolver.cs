using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// A resolver asking nameservers through <paramref name="stack"/> (upstream's
    /// <c>resolver_dns</c>), with upstream's runtime argument <c>--resolver</c> (comma-separated
    /// <c>udp:IP[:PORT]</c>/<c>tcp:IP[:PORT]</c>) whose default is <paramref name="ns"/>
    /// (null: UncensoredDNS's resolvers). With <paramref name="dhcp"/> (upstream's <c>?dhcp:(requests, lease)</c>)
    /// it adds the DNS servers option to the requests and, without <c>--resolver</c>, asks the lease's DNS servers.
    /// Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax.</exception>
    public static Impl<Resolver> ResolverDns(
        Impl<StackV4V6> stack, IReadOnlyList<string>? ns = null, (DhcpRequests Requests, Impl<Lease> Lease)? dhcp = null)
    {
        CheckNameservers("resolver_dns", ns);
        var lease = LeaseOf(dhcp);
        var servers = ns is null
            ? "null"
            : $"new string[] {{ {string.Join(", ", ns.Select(CSharpLiteral.String))} }}";
        var resolver = new RuntimeArg(
            "resolver", "DNS resolver.", "System.Collections.Generic.IReadOnlyList<string>?",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.ResolverArgs.Nameservers))}({servers})");
        return Declare.Apply(
            Declare.Device(
                "DnsResolver",
                ModuleTypes.StackV4V6.To(ModuleTypes.Resolver),
                runtimeArgs: [resolver],
                extraDeps: lease,
                connect: context =>
                    (lease is null
                        ? RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.DnsResolver.Connect))
                        : RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.DnsResolver.ConnectWithLease)))
                    + $"({context.Arguments[0]}, "
                    + string.Concat(context.ExtraDependencies.Select(d => d + ", "))
                    + $"{context.RuntimeArguments[resolver.Name]})"),
            stack);
    }

    /// <summary>
    /// The host's own resolver (upstream's <c>resolver_unix_system</c>): <c>System.Net.Dns</c>, on
    /// every target (both run on a host). Every call makes a new device.
    /// </summary>
    public static Impl<Resolver> ResolverUnixSystem() => Declare.Device(
        "SystemResolver",
        ModuleTypes.Resolver,
        connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.SystemResolver.Connect))}()");
}
