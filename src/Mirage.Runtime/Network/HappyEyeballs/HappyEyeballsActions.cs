using System.Net;
using Mirage.Runtime.Network.Dns;

namespace Mirage.Runtime.Network.HappyEyeballs;

/// <summary>What the effectful layer must do next (upstream's <c>Happy_eyeballs.action</c>).</summary>
public abstract record HappyEyeballsAction
{
    private HappyEyeballsAction() { }

    /// <summary>Look up the A records of <see cref="Host"/>.</summary>
    public sealed record ResolveA(DomainName Host) : HappyEyeballsAction;

    /// <summary>Look up the AAAA records of <see cref="Host"/>.</summary>
    public sealed record ResolveAaaa(DomainName Host) : HappyEyeballsAction;

    /// <summary>Attempt number <see cref="Attempt"/> of connection <see cref="Id"/>: connect to <see cref="Destination"/>.</summary>
    public sealed record Connect(DomainName Host, int Id, int Attempt, IPEndPoint Destination) : HappyEyeballsAction;

    /// <summary>Connection <see cref="Id"/> failed for good; tell its waiter why (and cancel its attempts).</summary>
    public sealed record ConnectFailed(DomainName Host, int Id, string Reason) : HappyEyeballsAction;
}

/// <summary>What happened (upstream's <c>Happy_eyeballs.event</c>).</summary>
public abstract record HappyEyeballsEvent
{
    private HappyEyeballsEvent() { }

    /// <summary>The A records of <see cref="Host"/> (not empty).</summary>
    public sealed record ResolvedA(DomainName Host, IReadOnlyList<IPAddress> Addresses) : HappyEyeballsEvent;

    /// <summary>The AAAA records of <see cref="Host"/> (not empty).</summary>
    public sealed record ResolvedAaaa(DomainName Host, IReadOnlyList<IPAddress> Addresses) : HappyEyeballsEvent;

    /// <summary>Looking up the A records of <see cref="Host"/> failed.</summary>
    public sealed record ResolveAFailed(DomainName Host, string Reason) : HappyEyeballsEvent;

    /// <summary>Looking up the AAAA records of <see cref="Host"/> failed.</summary>
    public sealed record ResolveAaaaFailed(DomainName Host, string Reason) : HappyEyeballsEvent;

    /// <summary>An attempt of connection <see cref="Id"/> to <see cref="Destination"/> failed.</summary>
    public sealed record ConnectionFailed(DomainName Host, int Id, IPEndPoint Destination, string Reason) : HappyEyeballsEvent;

    /// <summary>Connection <see cref="Id"/> is established (through <see cref="Destination"/>).</summary>
    public sealed record Connected(DomainName Host, int Id, IPEndPoint Destination) : HappyEyeballsEvent;
}

/// <summary>
/// The delays and timeouts of RFC 8305 (upstream's defaults): wait 50 ms for AAAA records once
/// A records are in (Resolution Delay), start the next attempt 50 ms after the last (Connection
/// Attempt Delay), give a connection 10 s in all, a lookup 1 s, and look up 3 times.
/// </summary>
public sealed record HappyEyeballsTimeouts(
    TimeSpan AaaaTimeout,
    TimeSpan ConnectDelay,
    TimeSpan ConnectTimeout,
    TimeSpan ResolveTimeout,
    int ResolveRetries)
{
    /// <summary>Upstream's defaults.</summary>
    public static HappyEyeballsTimeouts Default { get; } = new(
        TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 3);

    /// <summary>The defaults with what is given (nanoseconds, as upstream's runtime arguments) instead.</summary>
    public static HappyEyeballsTimeouts FromNanoseconds(
        long? aaaaTimeout, long? connectDelay, long? connectTimeout, long? resolveTimeout, int? resolveRetries) =>
        new(
            Ns(aaaaTimeout, "--he-aaaa-timeout") ?? Default.AaaaTimeout,
            Ns(connectDelay, "--he-connect-delay") ?? Default.ConnectDelay,
            Ns(connectTimeout, "--he-connect-timeout") ?? Default.ConnectTimeout,
            Ns(resolveTimeout, "--he-resolve-timeout") ?? Default.ResolveTimeout,
            resolveRetries is { } r
                ? (r > 0 ? r : throw new ArgumentException($"--he-resolve-retries: expected a positive count, not {r}"))
                : Default.ResolveRetries);

    private static TimeSpan? Ns(long? ns, string name) =>
        ns switch
        {
            null => null,
            < 0 => throw new ArgumentException($"{name}: expected nanoseconds (0 or more), not {ns}"),
            { } v => TimeSpan.FromTicks(v / 100),
        };
}
