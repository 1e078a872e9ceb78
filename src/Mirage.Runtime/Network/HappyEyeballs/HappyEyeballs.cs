using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network.Dns;
using Mirage.Runtime.Time;

namespace Mirage.Runtime.Network.HappyEyeballs;

/// <summary>Looks up the addresses of a host, of one family (upstream's <c>getaddrinfo</c>).</summary>
public delegate ValueTask<(IReadOnlyList<IPAddress>? Addresses, string? Error)> AddressLookup(
    DomainName host, AddressFamily family, CancellationToken cancellationToken);

/// <summary>A connection made by happy eyeballs, or why none could be.</summary>
public readonly record struct HappyEyeballsConnection(ITcpFlow? Flow, IPEndPoint? Destination, string? Error);

/// <summary>
/// Happy eyeballs over a network stack (upstream's <c>Happy_eyeballs_mirage</c>): runs the
/// <see cref="HappyEyeballsState"/> machine, performing its lookups with the injected
/// <see cref="AddressLookup"/> (the DNS client injects itself, as upstream) and its connection
/// attempts with the stack's TCP; a timer task ticks every <see cref="TimerInterval"/> while
/// connections are pending. Losing attempts are cancelled, late winners closed.
/// </summary>
public sealed class HappyEyeballs
{
    /// <summary>Upstream's timer interval: 10 ms.</summary>
    public static readonly TimeSpan DefaultTimerInterval = TimeSpan.FromMilliseconds(10);

    private static readonly LogSource Log = new("happy-eyeballs");
    private readonly IStackV4V6 _stack;
    private readonly IMClock _clock;
    private readonly ISleep _sleep;
    private readonly HappyEyeballsState _state;
    private readonly Dictionary<int, TaskCompletionSource<HappyEyeballsConnection>> _waiters = [];
    private readonly Dictionary<int, List<CancellationTokenSource>> _attempts = [];
    private readonly SemaphoreSlim _wake = new(0);
    private AddressLookup? _lookup;
    private int _nextId;

    /// <summary>Happy eyeballs on <paramref name="stack"/>; the timer task starts at once.</summary>
    public HappyEyeballs(IStackV4V6 stack, HappyEyeballsTimeouts timeouts, TimeSpan timerInterval, IMClock clock, ISleep sleep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timerInterval, TimeSpan.Zero);
        _stack = stack;
        _state = new HappyEyeballsState(timeouts);
        TimerInterval = timerInterval;
        _clock = clock;
        _sleep = sleep;
        _ = Task.Run(TimerLoopAsync);
    }

    /// <summary>
    /// The connect code's way in, with upstream's runtime arguments in nanoseconds (null: the default).
    /// </summary>
    /// <exception cref="ArgumentException">A negative duration or a retry count below 1.</exception>
    public static HappyEyeballs Connect(
        IStackV4V6 stack,
        long? aaaaTimeout,
        long? connectDelay,
        long? connectTimeout,
        long? resolveTimeout,
        int? resolveRetries,
        long? timerInterval)
    {
        var timeouts = HappyEyeballsTimeouts.FromNanoseconds(aaaaTimeout, connectDelay, connectTimeout, resolveTimeout, resolveRetries);
        var interval = timerInterval switch
        {
            null => DefaultTimerInterval,
            > 0 => TimeSpan.FromTicks(Math.Max(1, timerInterval.Value / 100)),
            _ => throw new ArgumentException($"--he-timer-interval: expected a positive number of nanoseconds, not {timerInterval}"),
        };
        return new HappyEyeballs(stack, timeouts, interval, Platform.MClock, Platform.Sleep);
    }

    /// <summary>How often pending connections are looked at.</summary>
    public TimeSpan TimerInterval { get; }

    /// <summary>The timeouts in force.</summary>
    public HappyEyeballsTimeouts Timeouts => _state.Timeouts;

    /// <summary>Sets how host names are looked up (upstream's <c>inject</c>); the DNS client calls it.</summary>
    public void Inject(AddressLookup lookup) => Volatile.Write(ref _lookup, lookup);

    /// <summary>Connects to <paramref name="host"/> (a name or an IP address) on the first of <paramref name="ports"/> that answers.</summary>
    public ValueTask<HappyEyeballsConnection> ConnectAsync(string host, IReadOnlyList<int> ports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return ConnectIpAsync([.. ports.Select(p => new IPEndPoint(address, p))], cancellationToken);
        }
        return DomainName.TryParse(host, out var name, out var error)
            ? ConnectHostAsync(name, ports, cancellationToken)
            : ValueTask.FromResult(new HappyEyeballsConnection(null, null, error));
    }

    /// <summary>Looks <paramref name="host"/> up (AAAA and A) and connects to one of its addresses.</summary>
    public ValueTask<HappyEyeballsConnection> ConnectHostAsync(DomainName host, IReadOnlyList<int> ports, CancellationToken cancellationToken = default) =>
        StartAsync((state, now, id) => state.Connect(now, id, host, ports), cancellationToken);

    /// <summary>Connects to the first of <paramref name="destinations"/> that answers, racing them RFC 8305's way.</summary>
    public ValueTask<HappyEyeballsConnection> ConnectIpAsync(IReadOnlyList<IPEndPoint> destinations, CancellationToken cancellationToken = default) =>
        StartAsync((state, now, id) => state.ConnectIp(now, id, destinations), cancellationToken);

    private async ValueTask<HappyEyeballsConnection> StartAsync(
        Func<HappyEyeballsState, long, int, IReadOnlyList<HappyEyeballsAction>> start, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<HappyEyeballsConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<HappyEyeballsAction> actions;
        int id;
        lock (_state)
        {
            id = ++_nextId;
            _waiters[id] = waiter;
            actions = start(_state, _clock.ElapsedNs(), id);
        }
        _wake.Release();
        Perform(actions);
        using (cancellationToken.Register(() => Abandon(id)))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    private void Abandon(int id)
    {
        TaskCompletionSource<HappyEyeballsConnection>? waiter;
        lock (_state)
        {
            _waiters.Remove(id, out waiter);
        }
        CancelAttempts(id);
        waiter?.TrySetCanceled();
    }

    private void Perform(IReadOnlyList<HappyEyeballsAction> actions)
    {
        foreach (var action in actions)
        {
            _ = Task.Run(() => ActAsync(action));
        }
    }

    private async Task ActAsync(HappyEyeballsAction action)
    {
        Log.Debug($"{action}");
        HappyEyeballsEvent? happened = action switch
        {
            HappyEyeballsAction.ResolveA(var host) => await ResolveAsync(host, AddressFamily.InterNetwork).ConfigureAwait(false),
            HappyEyeballsAction.ResolveAaaa(var host) => await ResolveAsync(host, AddressFamily.InterNetworkV6).ConfigureAwait(false),
            HappyEyeballsAction.Connect connect => await AttemptAsync(connect).ConfigureAwait(false),
            HappyEyeballsAction.ConnectFailed(var host, var id, var reason) => Fail(host, id, reason),
            _ => null,
        };
        if (happened is null)
        {
            return;
        }
        IReadOnlyList<HappyEyeballsAction> next;
        lock (_state)
        {
            next = _state.Event(_clock.ElapsedNs(), happened);
        }
        Perform(next);
    }

    private async Task<HappyEyeballsEvent> ResolveAsync(DomainName host, AddressFamily family)
    {
        var lookup = Volatile.Read(ref _lookup);
        var (addresses, error) = lookup is null
            ? (null, $"no resolver to look up {host}: connect a DNS client to this happy eyeballs")
            : await lookup(host, family, CancellationToken.None).ConfigureAwait(false);
        var usable = addresses?.Where(a => a.AddressFamily == family).ToList();
        if (usable is not { Count: > 0 })
        {
            var reason = error ?? $"{host} has no {(family == AddressFamily.InterNetwork ? "A" : "AAAA")} record";
            return family == AddressFamily.InterNetwork
                ? new HappyEyeballsEvent.ResolveAFailed(host, reason)
                : new HappyEyeballsEvent.ResolveAaaaFailed(host, reason);
        }
        return family == AddressFamily.InterNetwork
            ? new HappyEyeballsEvent.ResolvedA(host, usable)
            : new HappyEyeballsEvent.ResolvedAaaa(host, usable);
    }

    private async Task<HappyEyeballsEvent?> AttemptAsync(HappyEyeballsAction.Connect connect)
    {
        var cancel = new CancellationTokenSource();
        lock (_state)
        {
            if (!_waiters.ContainsKey(connect.Id))
            {
                return null;
            }
            if (!_attempts.TryGetValue(connect.Id, out var list))
            {
                _attempts[connect.Id] = list = [];
            }
            list.Add(cancel);
        }
        TcpConnectResult result;
        try
        {
            result = await _stack.Tcp.CreateConnectionAsync(connect.Destination, cancellationToken: cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        if (result.Flow is not { } flow)
        {
            return new HappyEyeballsEvent.ConnectionFailed(connect.Host, connect.Id, connect.Destination, $"{connect.Destination}: {result.Error}");
        }
        TaskCompletionSource<HappyEyeballsConnection>? waiter;
        lock (_state)
        {
            _waiters.Remove(connect.Id, out waiter);
        }
        if (waiter is null || !waiter.TrySetResult(new HappyEyeballsConnection(flow, connect.Destination, null)))
        {
            // Another attempt won, or the caller gave up.
            await flow.CloseAsync().ConfigureAwait(false);
            return null;
        }
        CancelAttempts(connect.Id, except: cancel);
        return new HappyEyeballsEvent.Connected(connect.Host, connect.Id, connect.Destination);
    }

    private HappyEyeballsEvent? Fail(DomainName host, int id, string reason)
    {
        TaskCompletionSource<HappyEyeballsConnection>? waiter;
        lock (_state)
        {
            _waiters.Remove(id, out waiter);
        }
        CancelAttempts(id);
        waiter?.TrySetResult(new HappyEyeballsConnection(null, null, $"connecting to {host} failed: {reason}"));
        return null;
    }

    private void CancelAttempts(int id, CancellationTokenSource? except = null)
    {
        List<CancellationTokenSource>? attempts;
        lock (_state)
        {
            _attempts.Remove(id, out attempts);
        }
        foreach (var attempt in attempts ?? [])
        {
            if (attempt != except)
            {
                attempt.Cancel();
            }
        }
    }

    private async Task TimerLoopAsync()
    {
        while (true)
        {
            await _wake.WaitAsync().ConfigureAwait(false);
            var more = true;
            while (more)
            {
                IReadOnlyList<HappyEyeballsAction> actions;
                lock (_state)
                {
                    (actions, more) = _state.Timer(_clock.ElapsedNs());
                }
                Perform(actions);
                if (more)
                {
                    await _sleep.SleepAsync(TimerInterval).ConfigureAwait(false);
                }
            }
        }
    }
}
