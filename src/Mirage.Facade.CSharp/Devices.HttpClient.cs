using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Mimic, reaching a host and port (upstream's <c>mimic</c>).</summary>
    public static readonly Typ<Mimic> Mimic = ModuleTypes.Mimic;

    /// <summary>Host name resolvers (upstream's <c>resolver</c>).</summary>
    public static readonly Typ<Resolver> Resolver = ModuleTypes.Resolver;

    /// <summary>HTTP clients offering h2 and http/1.1 by ALPN, a System.Net.Http.HttpClient (upstream's <c>alpn_client</c>).</summary>
    public static readonly Typ<AlpnClient> AlpnClient = ModuleTypes.AlpnClient;

    /// <summary>HTTP/1.1 clients over a resolver and a conduit, a System.Net.Http.HttpClient (upstream's <c>http_client</c>).</summary>
    public static readonly Typ<HttpClient> HttpClient = ModuleTypes.HttpClient;
}

public static partial class Devices
{
    /// <summary>Mimic connecting through happy eyeballs (upstream's <c>mimic_happy_eyeballs</c>).</summary>
    public static Impl<Fn<StackV4V6, Fn<HappyEyeballs, Fn<DnsClient, Mimic>>>> MimicHappyEyeballs() =>
        Catalogue.MimicHappyEyeballs();

    /// <summary>
    /// An HttpClient whose connections go through mimic, h2 and http/1.1 by ALPN over TLS (upstream's
    /// <c>paf_client</c>); servers are checked against the system roots or <c>--tls-ca=FILE</c>.
    /// </summary>
    public static Impl<Fn<TcpV4V6, Fn<Mimic, AlpnClient>>> PafClient(string group = "") =>
        Catalogue.PafClient(group);

    /// <summary>
    /// An HTTP/1.1 HttpClient over a resolver and a conduit (upstream's <c>cohttp_client</c>); https
    /// needs <c>ConduitDirect(stack, tls: true)</c>; servers are checked against the system roots or
    /// <c>--tls-ca=FILE</c>.
    /// </summary>
    public static Impl<HttpClient> CohttpClient(Impl<Resolver> resolver, Impl<Conduit> conduit, string group = "") =>
        Catalogue.CohttpClient(resolver, conduit, group);

    /// <summary>
    /// A resolver asking nameservers through a stack (upstream's <c>resolver_dns</c>); <c>--resolver</c> at run time; with
    /// <paramref name="dhcp"/>, the lease's DNS servers when no nameserver is given.
    /// </summary>
    public static Impl<Resolver> ResolverDns(
        Impl<StackV4V6> stack, IReadOnlyList<string>? ns = null, (DhcpRequests Requests, Impl<Lease> Lease)? dhcp = null) =>
        Catalogue.ResolverDns(stack, ns, dhcp);

    /// <summary>The host's own resolver, System.Net.Dns (upstream's <c>resolver_unix_system</c>).</summary>
    public static Impl<Resolver> ResolverUnixSystem() => Catalogue.ResolverUnixSystem();
}
