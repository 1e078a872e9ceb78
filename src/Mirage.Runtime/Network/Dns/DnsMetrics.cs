using System.Diagnostics.Metrics;

namespace Mirage.Runtime.Network.Dns;

/// <summary>What the DNS clients publish (meter <c>Mirage.Dns</c>), for the monitoring devices and any .NET listener.</summary>
internal static class DnsMetrics
{
    private static readonly Meter Meter = new("Mirage.Dns");

    /// <summary>Lookups asked of a DNS client, answered from its cache or not.</summary>
    public static readonly Counter<long> Queries = Meter.CreateCounter<long>("mirage.dns.queries", "{query}", "DNS lookups asked, cached answers included");

    /// <summary>Lookups answered from the cache.</summary>
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("mirage.dns.cache_hits", "{query}", "DNS lookups answered from the cache");

    /// <summary>Lookups no nameserver answered: timeouts, bad or failed replies.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("mirage.dns.failures", "{query}", "DNS lookups that got no answer (timeouts, bad or failed replies)");
}
