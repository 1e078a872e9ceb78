using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// All the connections of a stack, still pure (segments and time in, segments and signals out): the table of
/// connections by tuple, the listening ports with a bounded SYN backlog and SYN cookies beyond it, TIME_WAIT
/// reuse (RFC 6191), ephemeral ports (RFC 6056), ISNs (RFC 6528), and RSTs for segments nobody owns. It relays
/// its connections' output, keeping its tables in step with their signals.
/// </summary>
public sealed class TcpDemux : ITcpOutput
{
    /// <summary>The ephemeral port range (RFC 6335).</summary>
    public const int FirstEphemeralPort = 49152, LastEphemeralPort = 65535;

    private readonly TcpSettings _settings;
    private readonly ITcpOutput _output;
    private readonly Func<TcpTuple, int> _mss;
    private readonly TcpSecrets _secrets = new();
    private readonly Dictionary<TcpTuple, TcpConnection> _connections = [];
    private readonly Dictionary<ushort, int> _listeners = [];
    private readonly HashSet<TcpTuple> _halfOpen = [];
    private readonly List<TcpConnection> _due = [];
    private int _nextEphemeral = Random.Shared.Next(FirstEphemeralPort, LastEphemeralPort + 1);

    /// <summary>
    /// A demultiplexer sending through <paramref name="output"/>; <paramref name="mss"/> gives our MSS for a
    /// tuple (the MTU of its route less the headers: 1460 on a 1500 MTU over IPv4, 1440 over IPv6).
    /// </summary>
    public TcpDemux(TcpSettings settings, ITcpOutput output, Func<TcpTuple, int> mss)
    {
        _settings = settings;
        _output = output;
        _mss = mss;
    }

    /// <summary>Loss-recovery and timer events of all its connections.</summary>
    public DropCounters<TcpCount> Events { get; } = new();

    /// <summary>Whether the segments handed in now may have their ACKs held (<see cref="TcpConnection.HoldAcks"/>).</summary>
    public bool HoldAcks { get; set; }

    /// <summary>Open connections (any state but LISTEN).</summary>
    public int Count => _connections.Count;

    /// <summary>Half-open passive connections (SYN_RECEIVED).</summary>
    public int HalfOpen => _halfOpen.Count;

    /// <summary>SYNs answered with a cookie because the backlog was full.</summary>
    public long CookiesSent { get; private set; }

    /// <summary>Connections made from a returned cookie.</summary>
    public long CookiesAccepted { get; private set; }

    /// <summary>The connection for <paramref name="tuple"/>, if any.</summary>
    public TcpConnection? Find(TcpTuple tuple) => _connections.GetValueOrDefault(tuple);

    /// <summary>Accepts connections on <paramref name="port"/>.</summary>
    public void Listen(ushort port) => _listeners[port] = 0;

    /// <summary>Stops accepting on <paramref name="port"/>; its connections go on.</summary>
    public void Unlisten(ushort port) => _listeners.Remove(port);

    /// <summary>Whether <paramref name="port"/> is listened on.</summary>
    public bool IsListening(ushort port) => _listeners.ContainsKey(port);

    /// <summary>
    /// Opens a connection from <paramref name="local"/> (an ephemeral port) to <paramref name="remote"/>:
    /// <paramref name="remotePort"/>; null when the table is full or no port is free for that peer.
    /// </summary>
    public TcpConnection? Connect(long now, UInt128 local, UInt128 remote, ushort remotePort)
    {
        if (_connections.Count >= _settings.MaxConnections)
        {
            return null;
        }
        const int range = LastEphemeralPort - FirstEphemeralPort + 1;
        for (var tried = 0; tried < range; tried++)
        {
            var port = (ushort)_nextEphemeral;
            _nextEphemeral = _nextEphemeral == LastEphemeralPort ? FirstEphemeralPort : _nextEphemeral + 1;
            var tuple = new TcpTuple(local, port, remote, remotePort);
            if (_connections.ContainsKey(tuple) || _listeners.ContainsKey(port))
            {
                continue;
            }
            var connection = TcpConnection.Connect(tuple, _secrets.InitialSequence(tuple, now), _secrets.TimestampOffset(tuple), _mss(tuple), _settings, this, now);
            connection.Counters = Events;
            _connections[tuple] = connection;
            return connection;
        }
        return null;
    }

    /// <summary>Handles a segment from <paramref name="source"/> to <paramref name="destination"/> (checksum verified).</summary>
    public void Segment(long now, UInt128 source, UInt128 destination, TcpHeader h, ReadOnlySpan<byte> payload)
    {
        var tuple = new TcpTuple(destination, h.DestinationPort, source, h.SourcePort);
        if (_connections.TryGetValue(tuple, out var connection))
        {
            var reopens = h.Flags == TcpFlags.Syn && connection.YieldsTo(h) && _listeners.ContainsKey(h.DestinationPort);
            if (!reopens)
            {
                connection.HoldAcks = HoldAcks;
                connection.Segment(now, h, payload);
                return;
            }
            _connections.Remove(tuple);
        }
        if (_listeners.ContainsKey(h.DestinationPort))
        {
            Listening(now, tuple, h, payload);
            return;
        }
        Refuse(tuple, h, payload.Length);
    }

    private void Listening(long now, in TcpTuple tuple, in TcpHeader h, ReadOnlySpan<byte> payload)
    {
        if (h.Has(TcpFlags.Rst))
        {
            return;
        }
        if (h.Has(TcpFlags.Ack))
        {
            // Not ours, unless it returns a cookie we sent (RFC 4987).
            var mss = h.Has(TcpFlags.Syn) ? 0 : _secrets.CheckCookie(tuple, h.Sequence - 1, h.Acknowledgment - 1, now);
            if (mss == 0 || _connections.Count >= _settings.MaxConnections)
            {
                Refuse(tuple, h, payload.Length);
                return;
            }
            var accepted = TcpConnection.FromCookie(tuple, h.Acknowledgment - 1, _secrets.TimestampOffset(tuple), _mss(tuple), mss, _settings, this, now, h);
            accepted.Counters = Events;
            _connections[tuple] = accepted;
            CookiesAccepted++;
            _output.Signal(accepted, TcpSignal.Established);
            accepted.Segment(now, h, payload);
            return;
        }
        if (!h.Has(TcpFlags.Syn))
        {
            return;
        }
        if (_halfOpen.Count < _settings.SynBacklog && _connections.Count < _settings.MaxConnections)
        {
            var connection = TcpConnection.Accept(tuple, _secrets.InitialSequence(tuple, now), _secrets.TimestampOffset(tuple), _mss(tuple), _settings, this, now, h);
            connection.Counters = Events;
            _connections[tuple] = connection;
            _halfOpen.Add(tuple);
            return;
        }
        // Backlog full: answer statelessly with a cookie; only the MSS survives (no scaling, SACK or timestamps).
        var ourMss = _mss(tuple);
        var cookie = _secrets.Cookie(tuple, h.Sequence, h.Options.Mss == 0 ? 536 : Math.Min((int)h.Options.Mss, ourMss), now);
        var synAck = new TcpHeader(tuple.LocalPort, tuple.RemotePort, cookie, h.Sequence + 1, TcpFlags.Syn | TcpFlags.Ack,
            (ushort)Math.Min(_settings.ReceiveBuffer, ushort.MaxValue), TcpOptions.None with { Mss = (ushort)ourMss });
        CookiesSent++;
        _output.Emit(tuple, synAck, default, default);
    }

    /// <summary>The RST answering a segment for no connection (RFC 9293 §3.10.7.1).</summary>
    private void Refuse(in TcpTuple tuple, in TcpHeader h, int payloadLength)
    {
        if (h.Has(TcpFlags.Rst))
        {
            return;
        }
        var reset = h.Has(TcpFlags.Ack)
            ? new TcpHeader(tuple.LocalPort, tuple.RemotePort, h.Acknowledgment, 0, TcpFlags.Rst, 0, TcpOptions.None)
            : new TcpHeader(tuple.LocalPort, tuple.RemotePort, 0,
                h.Sequence + (uint)payloadLength + (h.Has(TcpFlags.Syn) ? 1u : 0u) + (h.Has(TcpFlags.Fin) ? 1u : 0u),
                TcpFlags.Rst | TcpFlags.Ack, 0, TcpOptions.None);
        _output.Emit(tuple, reset, default, default);
    }

    /// <summary>Runs the timers of every connection due at <paramref name="now"/>.</summary>
    public void Tick(long now)
    {
        _due.Clear();
        foreach (var connection in _connections.Values)
        {
            if (connection.NextDeadline <= now)
            {
                _due.Add(connection);
            }
        }
        foreach (var connection in _due)
        {
            connection.Tick(now);
        }
    }

    /// <summary>Resets every connection (the stack is stopping).</summary>
    public void AbortAll(long now)
    {
        _due.Clear();
        _due.AddRange(_connections.Values);
        foreach (var connection in _due)
        {
            connection.Abort(now);
        }
        _connections.Clear();
        _halfOpen.Clear();
    }

    /// <summary>The earliest deadline of any connection.</summary>
    public long NextDeadline
    {
        get
        {
            var next = long.MaxValue;
            foreach (var connection in _connections.Values)
            {
                next = Math.Min(next, connection.NextDeadline);
            }
            return next;
        }
    }

    void ITcpOutput.Emit(in TcpTuple tuple, in TcpHeader header, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) =>
        _output.Emit(tuple, header, first, second);

    void ITcpOutput.Signal(TcpConnection connection, TcpSignal signal)
    {
        switch (signal)
        {
            case TcpSignal.Established:
                _halfOpen.Remove(connection.Tuple);
                break;
            case TcpSignal.Closed or TcpSignal.Reset or TcpSignal.TimedOut:
                _halfOpen.Remove(connection.Tuple);
                if (_connections.TryGetValue(connection.Tuple, out var known) && known == connection)
                {
                    _connections.Remove(connection.Tuple);
                }
                break;
        }
        _output.Signal(connection, signal);
    }
}
