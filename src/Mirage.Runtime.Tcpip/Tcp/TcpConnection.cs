using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// One TCP connection as a pure state machine (RFC 9293): segments, application calls and the time (ms, passed in)
/// go in; segments and signals go out through <see cref="ITcpOutput"/>. No I/O, no clock, no locks: the owner
/// serialises calls. Its memory is fixed when it is made (the two buffers and two bounded range sets).
/// This file holds its state and the application's calls; arrivals are in <c>TcpConnection.Receive.cs</c>, output
/// and timers in <c>TcpConnection.Send.cs</c>.
/// </summary>
public sealed partial class TcpConnection
{
    private readonly TcpSettings _settings;
    private readonly ITcpOutput _output;
    private readonly uint _tsOffset;

    // Send side (RFC 9293 §3.3.1). Buffered data starts at _sendBase; the FIN, once queued, follows it.
    private readonly ByteRing _sendRing;
    private readonly uint _iss;
    private uint _sndUna, _sndNxt, _sndMax, _sndWl1, _sndWl2, _sendBase;
    private long _sndWnd, _maxSndWnd;
    private int _sendCount;
    private bool _finQueued;
    private uint _smallEnd;
    private int _sndShift;
    private int _sendMss;
    private readonly RangeSet _scoreboard = new(8);

    // Receive side. Unread data starts at _readSeq; in-order data ends at _rcvNxt (the FIN, when seen, after it).
    private readonly ByteRing _receiveRing;
    private readonly RangeSet _outOfOrder;
    private uint _irs, _rcvNxt, _readSeq, _lastAdvertisedEdge;
    private int _rcvShift;
    private bool _peerFin;
    private uint _peerFinSeq;
    private bool _peerFinPending;
    private bool _readClosed;

    // Options agreed in the handshake.
    private readonly int _ourMss;
    private bool _timestamps, _sack;
    private uint _tsRecent;
    private long _tsRecentAge;
    private uint _lastAckSent;

    // Timers, as deadlines in ms (long.MaxValue: not armed).
    private long _rtoAt = long.MaxValue, _delayedAckAt = long.MaxValue, _timeWaitAt = long.MaxValue;
    private long _persistAt = long.MaxValue, _keepaliveAt = long.MaxValue, _finWait2At = long.MaxValue;
    private int _retransmissions, _keepaliveProbes, _persistBackoff;
    private int _unackedSegments;
    private bool _ackHeld;
    private long _keepaliveIdleMs, _keepaliveIntervalMs;
    private int _keepaliveProbeLimit;
    private long _lastReceivedAt;

    // Karn's rule: one timed segment, forgotten when anything is retransmitted.
    private bool _timing;
    private uint _timedSeq;
    private long _timedAt;

    private TcpConnection(TcpTuple tuple, uint iss, uint tsOffset, int ourMss, TcpSettings settings, ITcpOutput output)
    {
        Tuple = tuple;
        _iss = iss;
        _sndUna = iss;
        _sndNxt = iss;
        _sndMax = iss;
        _sendBase = iss + 1;
        _smallEnd = iss;
        _tsOffset = tsOffset;
        _ourMss = ourMss;
        _sendMss = 536;
        _settings = settings;
        _output = output;
        _sendRing = new ByteRing(settings.SendBuffer);
        _receiveRing = new ByteRing(settings.ReceiveBuffer);
        _outOfOrder = new RangeSet(settings.MaxOutOfOrderRanges);
        Rtt = new RttEstimator(settings.MinRtoMs, settings.MaxRtoMs);
        Congestion = new NewReno(_sendMss);
        _keepaliveIdleMs = settings.KeepaliveIdleMs;
        _keepaliveIntervalMs = settings.KeepaliveIntervalMs;
        _keepaliveProbeLimit = settings.KeepaliveProbes;
    }

    /// <summary>The connection's addresses and ports.</summary>
    public TcpTuple Tuple { get; }

    /// <summary>Its state.</summary>
    public TcpState State { get; private set; }

    /// <summary>Why it ended, once <see cref="State"/> is <see cref="TcpState.Closed"/> after having been open.</summary>
    public TcpSignal? Ending { get; private set; }

    /// <summary>Send small segments at once instead of coalescing them (Nagle off).</summary>
    public bool NoDelay { get; set; }

    /// <summary>
    /// Hold the ACK that every second in-order segment earns until <see cref="SendHeldAck"/> (the I/O shell hands frames
    /// up in batches and acknowledges a batch's segments once, at its end, as Linux does for a GRO batch). The
    /// delayed-ACK timer still runs, so a held ACK is late by at most <see cref="TcpSettings.DelayedAckMs"/>.
    /// </summary>
    public bool HoldAcks { get; set; }

    /// <summary>Whether a listener accepted it (rather than <see cref="Connect"/> opening it).</summary>
    public bool Passive { get; private init; }

    /// <summary>Where it counts its loss-recovery and timer events (its demultiplexer's, shared by all connections).</summary>
    public DropCounters<TcpCount> Counters { get; set; } = new();

    /// <summary>Whatever the I/O shell keeps with it (its flow).</summary>
    public object? Owner { get; set; }

    /// <summary>The round-trip estimator.</summary>
    public RttEstimator Rtt { get; }

    /// <summary>The congestion controller (re-made once the MSS is known).</summary>
    public NewReno Congestion { get; private set; }

    /// <summary>The MSS we send with (the peer's, capped by ours).</summary>
    public int SendMss => _sendMss;

    /// <summary>Whether window scaling, timestamps and SACK were agreed.</summary>
    public (int SendShift, int ReceiveShift, bool Timestamps, bool Sack) Agreed => (_sndShift, _rcvShift, _timestamps, _sack);

    /// <summary>Bytes ready to be read.</summary>
    public int Readable => (int)(_rcvNxt - _readSeq - (_peerFin ? 1u : 0u));

    /// <summary>Room in the send buffer.</summary>
    public int Writable => _finQueued || !CanSend ? 0 : _sendRing.Capacity - _sendCount;

    /// <summary>Whether the peer finished and every byte before its FIN has been read.</summary>
    public bool AtEnd => _peerFin && Readable == 0;

    /// <summary>The peer's window in bytes.</summary>
    public long SendWindow => _sndWnd;

    /// <summary>The earliest time (ms) <see cref="Tick"/> has something to do.</summary>
    public long NextDeadline =>
        Math.Min(Math.Min(Math.Min(_rtoAt, _delayedAckAt), Math.Min(_timeWaitAt, _persistAt)), Math.Min(_keepaliveAt, _finWait2At));

    private bool CanSend => State is TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait;

    private bool Synchronized => State is not (TcpState.Closed or TcpState.SynSent or TcpState.SynReceived);

    /// <summary>An active open: sends SYN (RFC 9293 §3.10.1).</summary>
    public static TcpConnection Connect(TcpTuple tuple, uint iss, uint tsOffset, int ourMss, TcpSettings settings, ITcpOutput output, long now)
    {
        var connection = new TcpConnection(tuple, iss, tsOffset, ourMss, settings, output) { State = TcpState.SynSent, NoDelay = settings.NoDelay };
        connection.SendSyn(now, ack: false);
        return connection;
    }

    /// <summary>A passive open from a listener: takes the peer's SYN and answers SYN-ACK.</summary>
    public static TcpConnection Accept(TcpTuple tuple, uint iss, uint tsOffset, int ourMss, TcpSettings settings, ITcpOutput output, long now, TcpHeader syn)
    {
        var connection = new TcpConnection(tuple, iss, tsOffset, ourMss, settings, output) { State = TcpState.SynReceived, NoDelay = settings.NoDelay, Passive = true };
        connection.TakeSyn(now, syn, ourSynSent: true);
        connection.SendSyn(now, ack: true);
        return connection;
    }

    /// <summary>
    /// A connection whose handshake a SYN cookie vouched for (RFC 4987): established at once from the peer's ACK.
    /// The cookie carried only the MSS, so window scaling and SACK are off (timestamps too).
    /// </summary>
    public static TcpConnection FromCookie(TcpTuple tuple, uint iss, uint tsOffset, int ourMss, int peerMss, TcpSettings settings, ITcpOutput output, long now, TcpHeader ack)
    {
        var connection = new TcpConnection(tuple, iss, tsOffset, ourMss, settings, output) { State = TcpState.Established, NoDelay = settings.NoDelay, Passive = true };
        connection._irs = ack.Sequence - 1;
        connection._rcvNxt = ack.Sequence;
        connection._readSeq = ack.Sequence;
        connection._sndUna = iss + 1;
        connection._sndNxt = iss + 1;
        connection._sndMax = iss + 1;
        connection.SetMss(peerMss);
        connection.UpdateWindow(ack);
        connection._lastReceivedAt = now;
        connection.ArmKeepalive(now);
        return connection;
    }

    /// <summary>
    /// Copies what fits of <paramref name="data"/> into the send buffer and sends what the windows allow; returns
    /// the bytes taken (0 when the buffer is full or the connection cannot send).
    /// </summary>
    public int Write(long now, ReadOnlySpan<byte> data)
    {
        var n = Append(data);
        if (n > 0)
        {
            TrySend(now);
        }
        return n;
    }

    /// <summary>
    /// Copies what fits of <paramref name="data"/> into the send buffer without sending (a writer with several pieces
    /// appends them all, then calls <see cref="Flush"/> once, so no piece ends up as a small segment of its own).
    /// </summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var n = Math.Min(data.Length, Writable);
        if (n > 0)
        {
            _sendRing.WriteAt(_sendCount, data[..n]);
            _sendCount += n;
        }
        return n;
    }

    /// <summary>Sends what the windows and Nagle allow of the buffered data.</summary>
    public void Flush(long now) => TrySend(now);

    /// <summary>Lends the readable bytes as up to two memories (valid until <see cref="Consume"/>).</summary>
    public void Peek(out ReadOnlyMemory<byte> first, out ReadOnlyMemory<byte> second) =>
        _receiveRing.Slice(0, Readable, out first, out second);

    /// <summary>Frees <paramref name="count"/> read bytes; opens the window and tells the peer when it grew enough.</summary>
    public void Consume(long now, int count)
    {
        count = Math.Min(count, Readable);
        _receiveRing.Advance(count);
        _readSeq += (uint)count;
        // Receiver-side silly window avoidance (RFC 9293 §3.8.6.2.2): update once it opens by an MSS or half the buffer.
        // (Linux's sparser rule, only once the advertised window halved, was tried: with a small congestion window after
        // losses every segment then waited for the delayed ACK, and transfers at 10 % loss crawled.)
        var edge = _readSeq + (uint)_receiveRing.Capacity;
        if (Synchronized && State != TcpState.TimeWait && edge - _lastAdvertisedEdge >= Math.Min(_receiveRing.Capacity / 2, _ourMss))
        {
            Counters.Count(TcpCount.WindowUpdates);
            SendAck(now);
        }
    }

    /// <summary>Sends the ACK held back (<see cref="HoldAcks"/>), if any.</summary>
    public void SendHeldAck(long now)
    {
        if (_ackHeld)
        {
            SendAck(now);
        }
    }

    /// <summary>Turns keepalive on (<paramref name="idleMs"/> &gt; 0) or off for this connection.</summary>
    public void SetKeepalive(long now, long idleMs, long intervalMs, int probes)
    {
        _keepaliveIdleMs = idleMs;
        _keepaliveIntervalMs = intervalMs;
        _keepaliveProbeLimit = probes;
        ArmKeepalive(now);
    }

    /// <summary>Sends FIN after the buffered data (half-close); further writes are refused.</summary>
    public void Shutdown(long now)
    {
        if (_finQueued)
        {
            return;
        }
        switch (State)
        {
            case TcpState.SynSent:
                End(TcpSignal.Closed);
                return;
            case TcpState.SynReceived or TcpState.Established:
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                State = TcpState.LastAck;
                break;
            default:
                return;
        }
        _finQueued = true;
        TrySend(now);
    }

    /// <summary>Closes both directions: FIN after the buffered data; data arriving afterwards resets the connection.</summary>
    public void Close(long now)
    {
        _readClosed = true;
        Shutdown(now);
        if (State == TcpState.FinWait2)
        {
            _finWait2At = now + _settings.FinWait2Ms;
        }
    }

    /// <summary>Resets the connection (RST to the peer, when synchronised) and ends it.</summary>
    public void Abort(long now) => Fail(now, TcpSignal.Reset);

    /// <summary>Sends RST (when synchronised) and ends with <paramref name="why"/>.</summary>
    private void Fail(long now, TcpSignal why)
    {
        if (State is not (TcpState.Closed or TcpState.SynSent or TcpState.TimeWait))
        {
            Emit(now, _sndNxt, TcpFlags.Rst | TcpFlags.Ack, 0, 0);
        }
        End(why);
    }

    private void End(TcpSignal why)
    {
        if (State == TcpState.Closed)
        {
            return;
        }
        State = TcpState.Closed;
        Ending = why;
        _rtoAt = _delayedAckAt = _timeWaitAt = _persistAt = _keepaliveAt = _finWait2At = long.MaxValue;
        _output.Signal(this, why);
    }
}
