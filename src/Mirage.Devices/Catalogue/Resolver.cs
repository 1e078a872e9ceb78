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
    /// (null: UncensoredDNS's resolvers). Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax.</exception>
    public static Impl<Resolver> ResolverDns(Impl<StackV4V6> stack, IReadOnlyList<string>? ns = null)
    {
        CheckNameservers("resolver_dns", ns);
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
                connect: context =>
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.DnsResolver.Connect))}({context.Arguments[0]}, {context.RuntimeArguments[resolver.Name]})"),
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
