using System.Net;

namespace Mirage.Runtime.Network.Resolver;

/// <summary>The addresses of a host, or why there are none.</summary>
public readonly record struct ResolveResult(IReadOnlyList<IPAddress>? Addresses, string? Error)
{
    /// <summary>Found addresses (at least one).</summary>
    public static ResolveResult Found(IReadOnlyList<IPAddress> addresses) => new(addresses, null);

    /// <summary>No address, and why.</summary>
    public static ResolveResult Failed(string error) => new(null, error);
}

/// <summary>
/// Resolves host names to addresses (upstream's <c>resolver</c>, <c>Resolver_lwt.S</c>). An IP
/// literal resolves to itself without a lookup.
/// </summary>
public interface IResolver
{
    /// <summary>
    /// The addresses of <paramref name="host"/>, IPv6 and IPv4 interleaved with IPv6 first (RFC 8305's
    /// order); a name that does not exist or has no address is an error result.
    /// </summary>
    ValueTask<ResolveResult> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
