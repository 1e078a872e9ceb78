using System.Diagnostics;
using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Netif;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// The I/O shell of our TCP (upstream's <c>Tcp.Flow.Make (Ip)</c>): it parses segments from the IP layer into the
/// pure <see cref="TcpDemux"/>, sends what it emits, runs its timers from one <see cref="ITimer"/>, and exposes
/// connections as <see cref="ITcpFlow"/>s. One lock serialises the state machines; flows never block inside it.
/// </summary>
public sealed class TcpLayer : ITcp, ITcpOutput
{
    private static readonly LogSource Log = new("tcp");

    private readonly object _gate = new();
    private readonly IIpLayer _ip;
    private readonly TimeProvider _time;
    private readonly TcpDemux _demux;
    private readonly Dictionary<ushort, (TcpHandler Handler, TcpKeepalive? Keepalive)> _handlers = [];
    private readonly Dictionary<UInt128, IPAddress> _addresses = [];
    private readonly byte[] _scratch = new byte[TcpHeader.MinLength + TcpOptions.MaxLength + ushort.MaxValue];
    private readonly ITimer _timer;
    private readonly List<DirectFlow> _readersDue = [];
    private bool _stopped;

    private TcpLayer(IIpLayer ip, TimeProvider time, TcpSettings settings)
    {
        _ip = ip;
        _time = time;
        Settings = settings;
        _demux = new TcpDemux(settings, this, Mss);
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
    }

    /// <summary>Starts TCP on <paramref name="ip"/> (both families).</summary>
    public static TcpLayer Connect(IIpLayer ip, TimeProvider? time = null, TcpSettings? settings = null)
    {
        var tcp = new TcpLayer(ip, time ?? TimeProvider.System, settings ?? new TcpSettings());
        ip.Listen(IpProtocols.Tcp, tcp.InputAsync);
        return tcp;
    }

    /// <summary>The tunables.</summary>
    public TcpSettings Settings { get; }

    /// <summary>Segments refused as malformed (bad checksum, offsets or options).</summary>
    public long Malformed => Counters[TcpCount.Malformed];

    /// <summary>
    /// Segments, bytes, retransmissions, resets and opens so far, and the loss-recovery and timer
    /// events of every connection (timeouts, fast retransmits, delayed ACKs...): one set of counters,
    /// shared with the connections, for monitoring and tests.
    /// </summary>
    public DropCounters<TcpCount> Counters => _demux.Events;

    /// <summary>Connections in the table, half-open ones and cookies sent (for tests and monitoring).</summary>
    public (int Connections, int HalfOpen, long CookiesSent) Counts
    {
        get
        {
            lock (_gate)
            {
                return (_demux.Count, _demux.HalfOpen, _demux.CookiesSent);
            }
        }
    }

    /// <summary>The lock that serialises the state machines (flows take it to call their connection).</summary>
    internal object Gate => _gate;

    internal long Now => _time.GetTimestamp() * 1000 / _time.TimestampFrequency;

    /// <summary>Runs <paramref name="action"/> on the state machines, under the lock.</summary>
    internal void Locked<TState>(TState state, Action<TcpLayer, TState> action)
    {
        lock (_gate)
        {
            action(this, state);
        }
    }

    /// <summary>
    /// Under the lock, while a batch of frames is being handed up: <paramref name="flow"/> received bytes, to be handed to
    /// its reader at the batch's end (one wake-up of the reader per batch, not one per segment).
    /// </summary>
    internal void AtBatchEnd(DirectFlow flow) => _readersDue.Add(flow);

    /// <summary>
    /// The interface handed up a batch of frames: every flow that received bytes in it hands them to its reader and
    /// acknowledges them (one ACK for the batch, unless the window update already carried it).
    /// </summary>
    internal void EndOfBatch()
    {
        lock (_gate)
        {
            for (var i = 0; i < _readersDue.Count; i++)
            {
                _readersDue[i].PumpDue();
            }
            _readersDue.Clear();
        }
    }

    /// <summary>Our MSS towards a peer: the IP layer's MTU (its payload, IP header excluded) less TCP's header.</summary>
    private int Mss(TcpTuple tuple) => Math.Max(536, _ip.Mtu(Address(tuple.RemoteAddress)) - TcpHeader.MinLength);

    private IPAddress Address(UInt128 address)
    {
        if (!_addresses.TryGetValue(address, out var ip))
        {
            if (_addresses.Count > 4 * Settings.MaxConnections)
            {
                _addresses.Clear();
            }
            ip = TcpTuple.ToAddress(address);
            _addresses[address] = ip;
        }
        return ip;
    }

    private ValueTask InputAsync(IpPacketInfo packet, ReadOnlyMemory<byte> payload)
    {
        var source = TcpTuple.From(packet.Source);
        var destination = TcpTuple.From(packet.Destination);
        var pseudo = packet.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? Checksum.PseudoHeaderV4((uint)source, (uint)destination, IpProtocols.Tcp, payload.Length)
            : Checksum.PseudoHeaderV6(source, destination, IpProtocols.Tcp, payload.Length);
        if (!TcpHeader.TryParse(payload.Span, pseudo, out var header, out var headerLength))
        {
            Counters.Count(TcpCount.Malformed);
            return ValueTask.CompletedTask;
        }
        Counters.Count(TcpCount.SegmentsReceived);
        Counters.Count(TcpCount.ReceivedBytes, payload.Length - headerLength);
        if (header.Has(TcpFlags.Rst))
        {
            Counters.Count(TcpCount.ResetsReceived);
        }
        lock (_gate)
        {
            if (!_stopped)
            {
                // Within a batch of frames, the ACKs its segments earn wait for the batch's end (EndOfBatch).
                _demux.HoldAcks = FrameBatch.IsOpen;
                _demux.Segment(Now, source, destination, header, payload.Span[headerLength..]);
            }
        }
        return ValueTask.CompletedTask;
    }

    private void Tick()
    {
        try
        {
            lock (_gate)
            {
                var now = Now;
                if (_demux.NextDeadline <= now)
                {
                    _demux.Tick(now);
                }
            }
        }
        catch (Exception e)
        {
            Log.Error($"a TCP timer failed: {e}");
        }
    }

    /// <inheritdoc />
    public async ValueTask<TcpConnectResult> CreateConnectionAsync(IPEndPoint destination, TcpKeepalive? keepalive = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var remote = destination.Address.IsIPv4MappedToIPv6 ? destination.Address.MapToIPv4() : destination.Address;
        var local = _ip.Source(remote);
        if (local.Equals(IPAddress.Any) || local.Equals(IPAddress.IPv6Any))
        {
            return TcpConnectResult.Failed(TcpError.Unreachable);
        }
        DirectFlow? flow;
        lock (_gate)
        {
            var connection = _demux.Connect(Now, TcpTuple.From(local), TcpTuple.From(remote), (ushort)destination.Port);
            if (connection is null)
            {
                return TcpConnectResult.Failed(TcpError.Unreachable);
            }
            Keep(connection, keepalive);
            flow = new DirectFlow(this, connection);
            connection.Owner = flow;
        }
        Counters.Count(TcpCount.ActiveOpens);
        TcpError? error;
        try
        {
            error = await flow.Opened.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Locked(flow, static (tcp, f) => f.Abort(tcp.Now));
            if (e is OperationCanceledException)
            {
                throw;
            }
            error = TcpError.Timeout;
        }
        if (error is not null)
        {
            Counters.Count(TcpCount.AttemptFails);
        }
        return error is { } failed ? TcpConnectResult.Failed(failed) : TcpConnectResult.Connected(flow);
    }

    private void Keep(TcpConnection connection, TcpKeepalive? keepalive)
    {
        if (keepalive is not null)
        {
            connection.SetKeepalive(Now, (long)keepalive.After.TotalMilliseconds, (long)keepalive.Interval.TotalMilliseconds, keepalive.Probes);
        }
    }

    /// <inheritdoc />
    public ListenError? Listen(int port, TcpHandler handler, TcpKeepalive? keepalive = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        lock (_gate)
        {
            _handlers[(ushort)port] = (handler, keepalive);
            _demux.Listen((ushort)port);
        }
        return null;
    }

    /// <inheritdoc />
    public void Unlisten(int port)
    {
        lock (_gate)
        {
            _handlers.Remove((ushort)port);
            _demux.Unlisten((ushort)port);
        }
    }

    /// <inheritdoc />
    public ValueTask DisconnectAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var port in _handlers.Keys)
            {
                _demux.Unlisten(port);
            }
            _handlers.Clear();
            _demux.AbortAll(Now);
        }
        _timer.Dispose();
        return ValueTask.CompletedTask;
    }

    void ITcpOutput.Emit(in TcpTuple tuple, in TcpHeader header, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        // Called under the lock: the payload is copied once, into the frame, through the scratch buffer.
        var headerLength = header.Length;
        var length = headerLength + first.Length + second.Length;
        first.CopyTo(_scratch.AsSpan(headerLength));
        second.CopyTo(_scratch.AsSpan(headerLength + first.Length));
        var pseudo = tuple.IsV4
            ? Checksum.PseudoHeaderV4((uint)tuple.LocalAddress, (uint)tuple.RemoteAddress, IpProtocols.Tcp, length)
            : Checksum.PseudoHeaderV6(tuple.LocalAddress, tuple.RemoteAddress, IpProtocols.Tcp, length);
        header.TryWrite(_scratch.AsSpan(0, length), pseudo);
        Counters.Count(TcpCount.SegmentsSent);
        Counters.Count(TcpCount.SentBytes, first.Length + second.Length);
        if (header.Has(TcpFlags.Rst))
        {
            Counters.Count(TcpCount.ResetsSent);
        }
        _ip.Write(Address(tuple.LocalAddress), Address(tuple.RemoteAddress), IpProtocols.Tcp, length, new Outgoing(_scratch, length), Outgoing.Writer);
    }

    void ITcpOutput.Signal(TcpConnection connection, TcpSignal signal)
    {
        if (connection.Owner is DirectFlow flow)
        {
            flow.OnSignal(signal);
            return;
        }
        if (signal == TcpSignal.Established && connection.Passive && _handlers.TryGetValue(connection.Tuple.LocalPort, out var listener))
        {
            Keep(connection, listener.Keepalive);
            var accepted = new DirectFlow(this, connection);
            connection.Owner = accepted;
            Counters.Count(TcpCount.PassiveOpens);
            accepted.OnSignal(signal);
            _ = Task.Run(() => ServeAsync(accepted, listener.Handler));
        }
        else if (signal == TcpSignal.Established && connection.Passive)
        {
            // Its listener went away during the handshake.
            connection.Abort(Now);
        }
    }

    void ITcpOutput.Retransmitting() => Counters.Count(TcpCount.SegmentsRetransmitted);

    private static async Task ServeAsync(DirectFlow flow, TcpHandler handler)
    {
        try
        {
            await handler(flow).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Error($"handler of TCP port {flow.Source.Port} failed on a connection from {flow.Destination}: {e.Message}");
        }
        finally
        {
            await flow.CloseAsync().ConfigureAwait(false);
        }
    }

    private readonly record struct Outgoing(byte[] Segment, int Length)
    {
        public static readonly SpanWriter<Outgoing> Writer = static (buffer, o) =>
        {
            o.Segment.AsSpan(0, o.Length).CopyTo(buffer);
            return o.Length;
        };
    }
}
