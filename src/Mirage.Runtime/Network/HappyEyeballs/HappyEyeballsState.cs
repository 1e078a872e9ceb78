using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network.Dns;

namespace Mirage.Runtime.Network.HappyEyeballs;

/// <summary>
/// RFC 8305 as a state machine with no I/O and no clock of its own (after upstream's
/// <c>happy-eyeballs</c>): every call takes the time (nanoseconds of a monotonic clock) and returns
/// the actions to perform; the effectful layer performs them and reports back with
/// <see cref="Event"/>, and calls <see cref="Timer"/> periodically while it says so.
/// Lookups of AAAA and A start together; once A records are in, AAAA ones are awaited for
/// <see cref="HappyEyeballsTimeouts.AaaaTimeout"/>; addresses are tried interleaved, IPv6 first,
/// a new attempt starting every <see cref="HappyEyeballsTimeouts.ConnectDelay"/> while earlier
/// ones are still running, until one connects or <see cref="HappyEyeballsTimeouts.ConnectTimeout"/>
/// has passed since the start. Not thread-safe: the driver serializes calls.
/// </summary>
public sealed class HappyEyeballsState(HappyEyeballsTimeouts timeouts)
{
    private readonly Dictionary<int, Connection> _connections = [];

    /// <summary>The timeouts of connections started without their own.</summary>
    public HappyEyeballsTimeouts Timeouts { get; } = timeouts;

    /// <summary>Connections still being established.</summary>
    public int Pending => _connections.Count;

    /// <summary>Starts connection <paramref name="id"/> to <paramref name="host"/>, trying <paramref name="ports"/> in order for each address.</summary>
    /// <exception cref="ArgumentException">No port, or the id is in use.</exception>
    public IReadOnlyList<HappyEyeballsAction> Connect(
        long nowNs, int id, DomainName host, IReadOnlyList<int> ports, HappyEyeballsTimeouts? timeouts = null)
    {
        if (ports.Count == 0)
        {
            throw new ArgumentException("connecting needs at least one port", nameof(ports));
        }
        var t = timeouts ?? Timeouts;
        Add(id, new Connection(host, [.. ports], t, nowNs) { State = Phase.Resolving, StateSince = nowNs, ResolveLeft = t.ResolveRetries });
        return [new HappyEyeballsAction.ResolveAaaa(host), new HappyEyeballsAction.ResolveA(host)];
    }

    /// <summary>Starts connection <paramref name="id"/> to known addresses, tried in order.</summary>
    /// <exception cref="ArgumentException">No address, or the id is in use.</exception>
    public IReadOnlyList<HappyEyeballsAction> ConnectIp(
        long nowNs, int id, IReadOnlyList<IPEndPoint> destinations, HappyEyeballsTimeouts? timeouts = null)
    {
        if (destinations.Count == 0)
        {
            throw new ArgumentException("connecting needs at least one address", nameof(destinations));
        }
        var host = DomainName.Parse(destinations[0].Address.ToString().Replace(':', '-') + ".ip.invalid");
        var connection = new Connection(host, [], timeouts ?? Timeouts, nowNs)
        {
            State = Phase.Connecting,
            StateSince = nowNs,
            Resolved = Family.Both,
            Attempt = 1,
        };
        connection.Active.Add(destinations[0]);
        connection.Queue.AddRange(destinations.Skip(1));
        Add(id, connection);
        return [new HappyEyeballsAction.Connect(host, id, 0, destinations[0])];
    }

    /// <summary>
    /// Advances the clocks of every pending connection; <c>Continue</c> is false when nothing is
    /// pending and the timer may sleep until the next <see cref="Connect"/>.
    /// </summary>
    public (IReadOnlyList<HappyEyeballsAction> Actions, bool Continue) Timer(long nowNs)
    {
        var actions = new List<HappyEyeballsAction>();
        foreach (var (id, c) in _connections.ToList())
        {
            switch (c.State)
            {
                case Phase.Resolving when nowNs - c.StateSince > Ns(c.Timeouts.ResolveTimeout):
                    if (c.ResolveLeft <= 1 || c.Resolved == Family.Both)
                    {
                        _connections.Remove(id);
                        actions.Add(new HappyEyeballsAction.ConnectFailed(c.Host, id, "timeout while resolving"));
                        break;
                    }
                    c.ResolveLeft--;
                    c.StateSince = nowNs;
                    if (c.Resolved != Family.V4)
                    {
                        actions.Add(new HappyEyeballsAction.ResolveA(c.Host));
                    }
                    if (c.Resolved != Family.V6)
                    {
                        actions.Add(new HappyEyeballsAction.ResolveAaaa(c.Host));
                    }
                    break;
                case Phase.WaitingForAaaa when nowNs - c.StateSince > Ns(c.Timeouts.AaaaTimeout):
                    actions.Add(StartConnecting(id, c, nowNs, Expand(c.WaitingV4, c.Ports)));
                    break;
                case Phase.Connecting:
                    if (nowNs - c.Created > Ns(c.Timeouts.ConnectTimeout))
                    {
                        _connections.Remove(id);
                        actions.Add(new HappyEyeballsAction.ConnectFailed(c.Host, id, "timeout while connecting"));
                    }
                    else if (nowNs - c.StateSince > Ns(c.Timeouts.ConnectDelay) && c.Queue.Count > 0)
                    {
                        actions.Add(NextAttempt(id, c, nowNs));
                    }
                    break;
            }
        }
        return (actions, _connections.Count > 0);
    }

    /// <summary>Takes in what happened; the actions that follow.</summary>
    public IReadOnlyList<HappyEyeballsAction> Event(long nowNs, HappyEyeballsEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var actions = new List<HappyEyeballsAction>();
        switch (e)
        {
            case HappyEyeballsEvent.ResolvedA(var host, var addresses):
                RequireAddresses(addresses, AddressFamily.InterNetwork);
                foreach (var (id, c) in ForHost(host))
                {
                    c.Resolved = c.Resolved.With(Family.V4);
                    switch (c.State)
                    {
                        case Phase.Resolving when c.Resolved == Family.Both:
                            actions.Add(StartConnecting(id, c, nowNs, Expand(addresses, c.Ports)));
                            break;
                        case Phase.Resolving:
                            c.State = Phase.WaitingForAaaa;
                            c.StateSince = nowNs;
                            c.WaitingV4 = [.. addresses.Distinct()];
                            break;
                        case Phase.WaitingForAaaa:
                            c.WaitingV4 = [.. c.WaitingV4.Union(addresses)];
                            break;
                        case Phase.Connecting:
                            MixIn(c, addresses);
                            break;
                    }
                }
                break;
            case HappyEyeballsEvent.ResolvedAaaa(var host, var addresses):
                RequireAddresses(addresses, AddressFamily.InterNetworkV6);
                foreach (var (id, c) in ForHost(host))
                {
                    c.Resolved = c.Resolved.With(Family.V6);
                    switch (c.State)
                    {
                        case Phase.Resolving:
                            actions.Add(StartConnecting(id, c, nowNs, Expand(Interleave(addresses, []), c.Ports)));
                            break;
                        case Phase.WaitingForAaaa:
                            actions.Add(StartConnecting(id, c, nowNs, Expand(Interleave(addresses, c.WaitingV4), c.Ports)));
                            break;
                        case Phase.Connecting:
                            MixIn(c, addresses);
                            break;
                    }
                }
                break;
            case HappyEyeballsEvent.ResolveAFailed(var host, var reason):
                ResolveFailed(host, Family.V4, reason, nowNs, actions);
                break;
            case HappyEyeballsEvent.ResolveAaaaFailed(var host, var reason):
                ResolveFailed(host, Family.V6, reason, nowNs, actions);
                break;
            case HappyEyeballsEvent.ConnectionFailed(_, var id, var destination, var reason):
                if (!_connections.TryGetValue(id, out var failed) || failed.State != Phase.Connecting)
                {
                    break;
                }
                failed.Active.Remove(destination);
                failed.LastReason = reason;
                if (failed.Queue.Count > 0)
                {
                    actions.Add(NextAttempt(id, failed, nowNs));
                }
                else if (failed.Active.Count == 0)
                {
                    if (failed.Resolved == Family.Both)
                    {
                        _connections.Remove(id);
                        actions.Add(new HappyEyeballsAction.ConnectFailed(failed.Host, id, reason));
                    }
                    else
                    {
                        // The other family may still bring addresses.
                        failed.State = Phase.Resolving;
                        failed.StateSince = nowNs;
                    }
                }
                break;
            case HappyEyeballsEvent.Connected(_, var id, _):
                _connections.Remove(id);
                break;
        }
        return actions;
    }

    private void ResolveFailed(DomainName host, Family family, string reason, long nowNs, List<HappyEyeballsAction> actions)
    {
        foreach (var (id, c) in ForHost(host))
        {
            c.Resolved = c.Resolved.With(family);
            if (c.State == Phase.Resolving && c.Resolved == Family.Both)
            {
                _connections.Remove(id);
                actions.Add(new HappyEyeballsAction.ConnectFailed(host, id, reason));
            }
            else if (c.State == Phase.WaitingForAaaa && family == Family.V6)
            {
                actions.Add(StartConnecting(id, c, nowNs, Expand(c.WaitingV4, c.Ports)));
            }
        }
    }

    private static HappyEyeballsAction StartConnecting(int id, Connection c, long nowNs, List<IPEndPoint> destinations)
    {
        c.State = Phase.Connecting;
        c.StateSince = nowNs;
        c.Active.Clear();
        c.Queue.Clear();
        c.Queue.AddRange(destinations);
        return NextAttempt(id, c, nowNs);
    }

    private static HappyEyeballsAction NextAttempt(int id, Connection c, long nowNs)
    {
        var destination = c.Queue[0];
        c.Queue.RemoveAt(0);
        c.Active.Add(destination);
        c.StateSince = nowNs;
        return new HappyEyeballsAction.Connect(c.Host, id, c.Attempt++, destination);
    }

    // Addresses that come while connecting join the queue, interleaved with those of the other family.
    private static void MixIn(Connection c, IReadOnlyList<IPAddress> addresses)
    {
        var known = c.Active.Concat(c.Queue).Select(d => d.Address).ToHashSet();
        var fresh = Expand(addresses.Where(a => !known.Contains(a)).Distinct().ToList(), c.Ports);
        var queued = c.Queue.Concat(fresh).ToList();
        var v6 = queued.Where(d => d.AddressFamily == AddressFamily.InterNetworkV6).ToList();
        var v4 = queued.Where(d => d.AddressFamily == AddressFamily.InterNetwork).ToList();
        // Alternate, starting with the family the last attempt did not use.
        var lastWasV6 = c.Active.Count > 0 && c.Active[^1].AddressFamily == AddressFamily.InterNetworkV6;
        c.Queue.Clear();
        c.Queue.AddRange(lastWasV6 ? Alternate(v4, v6) : Alternate(v6, v4));
    }

    /// <summary>IPv6 and IPv4 addresses alternated, IPv6 first (RFC 8305 section 4).</summary>
    internal static List<IPAddress> Interleave(IReadOnlyList<IPAddress> v6, IReadOnlyList<IPAddress> v4) =>
        Alternate(v6.Distinct().ToList(), v4.Distinct().ToList());

    private static List<T> Alternate<T>(IReadOnlyList<T> first, IReadOnlyList<T> second)
    {
        var result = new List<T>(first.Count + second.Count);
        for (var i = 0; i < Math.Max(first.Count, second.Count); i++)
        {
            if (i < first.Count)
            {
                result.Add(first[i]);
            }
            if (i < second.Count)
            {
                result.Add(second[i]);
            }
        }
        return result;
    }

    private static List<IPEndPoint> Expand(IReadOnlyList<IPAddress> addresses, int[] ports) =>
        [.. addresses.SelectMany(a => ports.Select(p => new IPEndPoint(a, p)))];

    private static void RequireAddresses(IReadOnlyList<IPAddress> addresses, AddressFamily family)
    {
        if (addresses.Count == 0 || addresses.Any(a => a.AddressFamily != family))
        {
            throw new ArgumentException($"a resolved event carries at least one address, all of family {family}");
        }
    }

    private List<(int Id, Connection Connection)> ForHost(DomainName host) =>
        [.. _connections.Where(p => p.Value.Host.Equals(host)).Select(p => (p.Key, p.Value))];

    private void Add(int id, Connection connection)
    {
        if (!_connections.TryAdd(id, connection))
        {
            throw new ArgumentException($"connection id {id} is already in use", nameof(id));
        }
    }

    private static long Ns(TimeSpan span) => span.Ticks * 100;

    private enum Phase
    {
        Resolving,
        WaitingForAaaa,
        Connecting,
    }

    private sealed class Connection(DomainName host, int[] ports, HappyEyeballsTimeouts timeouts, long created)
    {
        public DomainName Host { get; } = host;
        public int[] Ports { get; } = ports;
        public HappyEyeballsTimeouts Timeouts { get; } = timeouts;
        public long Created { get; } = created;
        public Phase State { get; set; }
        public long StateSince { get; set; }
        public Family Resolved { get; set; }
        public int ResolveLeft { get; set; }
        public int Attempt { get; set; }
        public List<IPAddress> WaitingV4 { get; set; } = [];
        public List<IPEndPoint> Active { get; } = [];
        public List<IPEndPoint> Queue { get; } = [];
        public string? LastReason { get; set; }
    }
}

/// <summary>Which address families a lookup has settled (found or failed).</summary>
[Flags]
internal enum Family
{
    None = 0,
    V4 = 1,
    V6 = 2,
    Both = V4 | V6,
}

internal static class FamilyExtensions
{
    public static Family With(this Family family, Family more) => family | more;
}
