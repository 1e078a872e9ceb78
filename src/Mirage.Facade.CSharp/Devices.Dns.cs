using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>DNS clients (upstream's <c>dns_client</c>).</summary>
    public static readonly Typ<DnsClient> DnsClient = ModuleTypes.DnsClient;

    /// <summary>Happy eyeballs connectors (upstream's <c>happy_eyeballs</c>).</summary>
    public static readonly Typ<HappyEyeballs> HappyEyeballs = ModuleTypes.HappyEyeballs;
}

public static partial class Devices
{
    /// <summary>Happy eyeballs over a stack (upstream's <c>generic_happy_eyeballs</c>); durations in nanoseconds.</summary>
    public static Impl<Fn<StackV4V6, HappyEyeballs>> GenericHappyEyeballs(
        string group = "",
        long? aaaaTimeout = null,
        long? connectDelay = null,
        long? connectTimeout = null,
        long? resolveTimeout = null,
        int? resolveRetries = null,
        long? timerInterval = null) =>
        Catalogue.GenericHappyEyeballs(group, aaaaTimeout, connectDelay, connectTimeout, resolveTimeout, resolveRetries, timerInterval);

    /// <summary>
    /// A DNS client over a stack and happy eyeballs (upstream's <c>generic_dns_client</c>); with <paramref name="dhcp"/>,
    /// the lease's DNS servers when no nameserver is given.
    /// </summary>
    public static Impl<Fn<StackV4V6, Fn<HappyEyeballs, DnsClient>>> GenericDnsClient(
        string group = "",
        long? timeout = null,
        IReadOnlyList<string>? nameservers = null,
        int? cacheSize = null,
        (DhcpRequests Requests, Impl<Lease> Lease)? dhcp = null) =>
        Catalogue.GenericDnsClient(group, timeout, nameservers, cacheSize, dhcp);
}
