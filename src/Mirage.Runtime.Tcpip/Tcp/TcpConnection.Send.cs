using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>Output (RFC 9293 §3.8.6, Nagle, RFC 5681/6582) and timers (RFC 6298, delayed ACK, persist, keepalive, TIME_WAIT).</summary>
public sealed partial class TcpConnection
{
    /// <summary>Challenge ACKs a connection sends per second at most (RFC 5961 §7).</summary>
    private const int ChallengeAcksPerSecond = 10;

    private long _challengeSecond = -1;
    private int _challengesThisSecond;

    /// <summary>The bytes of payload a segment may carry beside the timestamps option.</summary>
    private int SegmentPayload => _sendMss - (_timestamps ? 12 : 0);

    private uint FinSeq => _sendBase + (uint)_sendCount;

    private bool FinAcked => _finQueued && _sndUna == FinSeq + 1;

    private uint TsNow(long now) => (uint)now + _tsOffset;

    /// <summary>Runs the timers that are due at <paramref name="now"/>.</summary>
    public void Tick(long now)
    {
        if (now >= _timeWaitAt || (now >= _finWait2At && State == TcpState.FinWait2))
        {
            End(TcpSignal.Closed);
            return;
        }
        if (now >= _rtoAt)
        {
            RetransmitTimeout(now);
            if (State == TcpState.Closed)
            {
                return;
            }
        }
        if (now >= _delayedAckAt)
        {
            Counters.Count(TcpCount.DelayedAcks);
            SendAck(now);
        }
        if (now >= _persistAt)
        {
            // Zero-window probe: an old sequence number makes the peer answer with its window.
            Counters.Count(TcpCount.ZeroWindowProbes);
            Emit(now, _sndUna - 1, TcpFlags.Ack, 0, 0);
            _persistBackoff++;
            _persistAt = now + Math.Min(_settings.MaxRtoMs, Rtt.RtoMs << Math.Min(_persistBackoff, 10));
        }
        if (now >= _keepaliveAt)
        {
            if (_keepaliveProbes >= _keepaliveProbeLimit)
            {
                Fail(now, TcpSignal.TimedOut);
                return;
            }
            _keepaliveProbes++;
            Emit(now, _sndNxt - 1, TcpFlags.Ack, 0, 0);
            _keepaliveAt = now + _keepaliveIntervalMs;
        }
    }

    private void ArmKeepalive(long now) =>
        _keepaliveAt = _keepaliveIdleMs > 0 && State is TcpState.Established or TcpState.CloseWait
            ? now + (_keepaliveProbes == 0 ? _keepaliveIdleMs : _keepaliveIntervalMs)
            : long.MaxValue;

    private void RetransmitTimeout(long now)
    {
        _retransmissions++;
        _timing = false;
        Rtt.BackOff();
        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            if (_retransmissions > _settings.MaxSynRetransmissions)
            {
                End(TcpSignal.TimedOut);
                return;
            }
            _rtoAt = now + Rtt.RtoMs;
            SendSyn(now, ack: State == TcpState.SynReceived);
            return;
        }
        if (_retransmissions > _settings.MaxRetransmissions)
        {
            Fail(now, TcpSignal.TimedOut);
            return;
        }
        Counters.Count(TcpCount.Timeouts);
        Congestion.OnTimeout(_sndMax - _sndUna, _sndMax);
        // RFC 2018 §8: SACK information may be reneged; trust it for one timeout, not for a second.
        if (_retransmissions > 1)
        {
            _scoreboard.Clear();
        }
        _sndNxt = _sndUna;
        _rtoAt = now + Rtt.RtoMs;
        TrySend(now);
        if (_sndNxt == _sndUna && Seq.Lt(_sndUna, _sndMax))
        {
            // The window is shut: retransmit the first segment all the same (it doubles as a probe).
            Retransmit(now, _sndUna);
        }
    }

    /// <summary>Sends new (or, after a timeout, resent) data and the FIN as far as the windows and Nagle allow.</summary>
    private void TrySend(long now)
    {
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.LastAck or TcpState.Closing))
        {
            return;
        }
        var limit = SegmentPayload;
        while (true)
        {
            var dataEnd = FinSeq;
            if (Seq.Lt(_sndNxt, _sndMax))
            {
                // Going back after a timeout: skip what the peer reported holding (SACK).
                _sndNxt = Seq.Min(_scoreboard.SkipFrom(_sndNxt), _sndMax);
            }
            if (Seq.Lt(_sndNxt, dataEnd))
            {
                var window = Math.Min(_sndWnd, Congestion.SendWindow);
                var usable = (long)(int)(_sndUna - _sndNxt) + window;
                var available = (int)(dataEnd - _sndNxt);
                var length = (int)Math.Min(Math.Min(available, limit), Math.Max(0, usable));
                if (length <= 0)
                {
                    if (_sndWnd == 0 && _persistAt == long.MaxValue && _rtoAt == long.MaxValue)
                    {
                        _persistAt = now + Rtt.RtoMs;
                    }
                    return;
                }
                var outstanding = Seq.Lt(_sndUna, _sndNxt);
                if (length < limit)
                {
                    // Sender silly window avoidance and Nagle (RFC 9293 §3.8.6.2.1).
                    var windowLimited = length < available;
                    if (windowLimited && length < _maxSndWnd / 2 && outstanding)
                    {
                        return;
                    }
                    // Minshall's variant, as Linux: hold it only while an earlier small segment is unacknowledged, so the
                    // tail of a burst is not held for the peer's delayed ACK.
                    if (!windowLimited && Seq.Gt(_smallEnd, _sndUna) && !NoDelay && !_finQueued && Seq.Ge(_sndNxt, _sndMax))
                    {
                        return;
                    }
                    if (Seq.Ge(_sndNxt, _sndMax))
                    {
                        _smallEnd = _sndNxt + (uint)length;
                    }
                }
                if (!_timing && _sndNxt == _sndMax)
                {
                    _timing = true;
                    _timedSeq = _sndNxt;
                    _timedAt = now;
                }
                var fin = _finQueued && _sndNxt + (uint)length == dataEnd;
                if ((long)(int)(_sndNxt - _sndUna) + length > Congestion.Window)
                {
                    Counters.Count(TcpCount.LimitedTransmits);
                }
                Emit(now, _sndNxt, TcpFlags.Ack | (length == available ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0), (int)(_sndNxt - _sendBase), length);
                _sndNxt += (uint)length + (fin ? 1u : 0u);
                _sndMax = Seq.Max(_sndMax, _sndNxt);
                if (_rtoAt == long.MaxValue)
                {
                    _rtoAt = now + Rtt.RtoMs;
                }
                continue;
            }
            if (_finQueued && _sndNxt == dataEnd)
            {
                Emit(now, dataEnd, TcpFlags.Fin | TcpFlags.Ack, 0, 0);
                _sndNxt = dataEnd + 1;
                _sndMax = Seq.Max(_sndMax, _sndNxt);
                if (_rtoAt == long.MaxValue)
                {
                    _rtoAt = now + Rtt.RtoMs;
                }
            }
            return;
        }
    }

    /// <summary>Resends one segment from <paramref name="seq"/> (fast retransmit, partial ACK, timeout with a shut window).</summary>
    private void Retransmit(long now, uint seq)
    {
        _timing = false;
        var dataEnd = FinSeq;
        var length = Seq.Lt(seq, dataEnd) ? (int)Math.Min(dataEnd - seq, (uint)SegmentPayload) : 0;
        var fin = _finQueued && seq + (uint)length == dataEnd && Seq.Gt(_sndMax, dataEnd);
        Emit(now, seq, TcpFlags.Ack | (fin ? TcpFlags.Fin : 0), (int)(seq - _sendBase), length);
        _rtoAt = now + Rtt.RtoMs;
    }

    /// <summary>Sends an ACK now (in SYN_RECEIVED, the SYN-ACK again).</summary>
    private void SendAck(long now)
    {
        if (State == TcpState.SynReceived)
        {
            SendSyn(now, ack: true);
        }
        else if (State != TcpState.Closed)
        {
            Emit(now, _sndNxt, TcpFlags.Ack, 0, 0);
        }
    }

    /// <summary>An ACK answering a suspicious RST, SYN or ACK (RFC 5961 §7: rate-limited).</summary>
    private void ChallengeAck(long now)
    {
        var second = now / 1000;
        if (second != _challengeSecond)
        {
            _challengeSecond = second;
            _challengesThisSecond = 0;
        }
        if (_challengesThisSecond++ < ChallengeAcksPerSecond)
        {
            Emit(now, _sndNxt, TcpFlags.Ack, 0, 0);
        }
    }

    /// <summary>Sends our SYN (active open) or SYN-ACK (passive or simultaneous open), offering what was agreed.</summary>
    private void SendSyn(long now, bool ack)
    {
        var options = TcpOptions.None with { Mss = (ushort)_ourMss };
        if (!ack)
        {
            options = options with { WindowScale = (sbyte)_settings.WindowScale, SackPermitted = true };
            options = options.WithTimestamps(TsNow(now), 0);
        }
        else
        {
            options = options with { WindowScale = _sndShift > 0 || _rcvShift > 0 ? (sbyte)_rcvShift : (sbyte)-1, SackPermitted = _sack };
            if (_timestamps)
            {
                options = options.WithTimestamps(TsNow(now), _tsRecent);
            }
        }
        var header = new TcpHeader(
            Tuple.LocalPort,
            Tuple.RemotePort,
            _iss,
            ack ? _rcvNxt : 0,
            TcpFlags.Syn | (ack ? TcpFlags.Ack : 0),
            (ushort)Math.Min(_receiveRing.Capacity, ushort.MaxValue),
            options);
        if (Seq.Lt(_iss, _sndMax))
        {
            _output.Retransmitting();
        }
        _output.Emit(Tuple, header, default, default);
        if (ack)
        {
            _lastAckSent = _rcvNxt;
            _lastAdvertisedEdge = _rcvNxt + header.Window;
        }
        _sndNxt = _iss + 1;
        _sndMax = Seq.Max(_sndMax, _sndNxt);
        if (_rtoAt == long.MaxValue)
        {
            _rtoAt = now + Rtt.RtoMs;
        }
    }

    /// <summary>Builds and emits one segment carrying the current ACK, window, timestamps and SACK blocks.</summary>
    private void Emit(long now, uint seq, TcpFlags flags, int offset, int length)
    {
        var options = TcpOptions.None;
        if (_timestamps)
        {
            options = options.WithTimestamps(TsNow(now), _tsRecent);
        }
        if (_sack && _outOfOrder.Count > 0 && (flags & TcpFlags.Ack) != 0)
        {
            options = AddSackBlocks(options);
        }
        var window = (uint)Math.Min(ReceiveWindow >> _rcvShift, ushort.MaxValue);
        if ((flags & TcpFlags.Rst) != 0 && (flags & TcpFlags.Ack) == 0)
        {
            window = 0;
        }
        var header = new TcpHeader(Tuple.LocalPort, Tuple.RemotePort, seq, (flags & TcpFlags.Ack) != 0 ? _rcvNxt : 0, flags, (ushort)window, options);
        if ((length > 0 || (flags & TcpFlags.Fin) != 0) && Seq.Lt(seq, _sndMax))
        {
            _output.Retransmitting();
        }
        if (length > 0)
        {
            _sendRing.Slice(offset, length, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second);
            _output.Emit(Tuple, header, first, second);
        }
        else
        {
            _output.Emit(Tuple, header, default, default);
        }
        if ((flags & TcpFlags.Ack) != 0)
        {
            _lastAckSent = _rcvNxt;
            _lastAdvertisedEdge = _rcvNxt + (window << _rcvShift);
            _delayedAckAt = long.MaxValue;
            _unackedSegments = 0;
            _ackHeld = false;
        }
    }

    /// <summary>SACK blocks, the most recently changed first (RFC 2018 §4).</summary>
    private TcpOptions AddSackBlocks(TcpOptions options)
    {
        var latest = _outOfOrder.Latest;
        if (latest >= 0)
        {
            options = options.WithSack(new SackBlock(_outOfOrder.Start(latest), _outOfOrder.End(latest)));
        }
        for (var i = 0; i < _outOfOrder.Count && options.SackCount < TcpOptions.MaxSackBlocks; i++)
        {
            if (i != latest)
            {
                options = options.WithSack(new SackBlock(_outOfOrder.Start(i), _outOfOrder.End(i)));
            }
        }
        return options;
    }
}
