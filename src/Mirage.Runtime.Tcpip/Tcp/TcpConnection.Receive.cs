using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>Segment arrival (RFC 9293 §3.10.7.3–4, hardened per RFC 5961, PAWS per RFC 7323 §5).</summary>
public sealed partial class TcpConnection
{
    /// <summary>Timestamps older than this may not be compared (RFC 7323 §5.5: 24 days).</summary>
    private const long PawsIdleMs = 24L * 24 * 3600 * 1000;

    /// <summary>Handles one segment addressed to this connection (checksum already verified).</summary>
    public void Segment(long now, TcpHeader h, ReadOnlySpan<byte> payload)
    {
        if (State == TcpState.Closed)
        {
            return;
        }
        if (State == TcpState.SynSent)
        {
            SynSentArrival(now, h);
            return;
        }
        var seq = h.Sequence;
        if (State == TcpState.SynReceived && h.Has(TcpFlags.Syn | TcpFlags.Ack) && seq == _irs && !h.Has(TcpFlags.Rst))
        {
            // Simultaneous open: the peer's SYN-ACK repeats its SYN (already taken) and acknowledges ours.
            if (Seq.Lt(_sndUna, h.Acknowledgment) && Seq.Le(h.Acknowledgment, _sndMax))
            {
                Establish(now, h);
                NewAck(now, h, h.Acknowledgment);
                TrySend(now);
            }
            return;
        }
        var length = (uint)payload.Length + (h.Has(TcpFlags.Syn) ? 1u : 0u) + (h.Has(TcpFlags.Fin) ? 1u : 0u);

        // PAWS: an old timestamp means an old duplicate (RFC 7323 §5.3 R1).
        if (_timestamps && h.Options.HasTimestamps && !h.Has(TcpFlags.Rst)
            && Seq.Lt(h.Options.TimestampValue, _tsRecent) && now - _tsRecentAge < PawsIdleMs)
        {
            SendAck(now);
            return;
        }

        if (!Acceptable(seq, length))
        {
            if (!h.Has(TcpFlags.Rst))
            {
                if (State == TcpState.TimeWait && h.Has(TcpFlags.Fin))
                {
                    _timeWaitAt = now + _settings.TimeWaitMs;
                }
                SendAck(now);
                // A zero window still takes ACKs (RFC 9293 §3.10.7.4).
                if (ReceiveWindow == 0 && seq == _rcvNxt && h.Has(TcpFlags.Ack))
                {
                    ProcessAck(now, h, 0);
                    TrySend(now);
                }
            }
            return;
        }
        _lastReceivedAt = now;
        _keepaliveProbes = 0;
        ArmKeepalive(now);

        if (h.Has(TcpFlags.Rst))
        {
            // RFC 5961 §3.2: only an exact match resets; anything else in the window earns a challenge ACK.
            if (seq == _rcvNxt)
            {
                End(TcpSignal.Reset);
            }
            else
            {
                ChallengeAck(now);
            }
            return;
        }
        if (h.Has(TcpFlags.Syn))
        {
            // RFC 5961 §4: a SYN in a synchronised state is answered with a challenge ACK, never a reset.
            ChallengeAck(now);
            return;
        }
        if (!h.Has(TcpFlags.Ack))
        {
            return;
        }
        if (h.Options.HasTimestamps && _timestamps && Seq.Le(seq, _lastAckSent))
        {
            _tsRecent = h.Options.TimestampValue;
            _tsRecentAge = now;
        }
        if (State == TcpState.SynReceived)
        {
            if (!(Seq.Lt(_sndUna, h.Acknowledgment) && Seq.Le(h.Acknowledgment, _sndMax)))
            {
                Emit(now, h.Acknowledgment, TcpFlags.Rst, 0, 0);
                return;
            }
            Establish(now, h);
        }
        if (!ProcessAck(now, h, payload.Length))
        {
            return;
        }
        if (State == TcpState.Closed)
        {
            return;
        }
        if (payload.Length > 0 && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
        {
            if (_readClosed)
            {
                // Nobody will read it (RFC 9293 §3.10.7.4, "seventh"): reset.
                Abort(now);
                return;
            }
            TakeData(now, seq, payload);
        }
        if (h.Has(TcpFlags.Fin) && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 && !_peerFin)
        {
            _peerFinPending = true;
            _peerFinSeq = seq + (uint)payload.Length;
        }
        TakeFin(now);
        TrySend(now);
    }

    private void Establish(long now, in TcpHeader h)
    {
        State = _finQueued ? TcpState.FinWait1 : TcpState.Established;
        _rtoAt = long.MaxValue;
        _retransmissions = 0;
        UpdateWindow(h);
        ArmKeepalive(now);
        _output.Signal(this, TcpSignal.Established);
    }

    /// <summary>Whether this connection, in TIME_WAIT, may give way to a new incarnation opened by <paramref name="syn"/> (RFC 6191).</summary>
    public bool YieldsTo(TcpHeader syn) =>
        State == TcpState.TimeWait
        && (_timestamps && syn.Options.HasTimestamps ? Seq.Gt(syn.Options.TimestampValue, _tsRecent) : Seq.Gt(syn.Sequence, _rcvNxt));

    private long ReceiveWindow => Math.Max(0, (int)(_readSeq + (uint)_receiveRing.Capacity - _rcvNxt));

    /// <summary>RFC 9293's acceptability test (§3.10.7.4, the table of four cases).</summary>
    private bool Acceptable(uint seq, uint length)
    {
        var window = (uint)Math.Min(ReceiveWindow, int.MaxValue);
        if (length == 0)
        {
            return window == 0 ? seq == _rcvNxt : Seq.InWindow(seq, _rcvNxt, window);
        }
        return window != 0 && (Seq.InWindow(seq, _rcvNxt, window) || Seq.InWindow(seq + length - 1, _rcvNxt, window));
    }

    private void SynSentArrival(long now, in TcpHeader h)
    {
        var ack = h.Acknowledgment;
        var hasAck = h.Has(TcpFlags.Ack);
        if (hasAck && (Seq.Le(ack, _iss) || Seq.Gt(ack, _sndMax)))
        {
            if (!h.Has(TcpFlags.Rst))
            {
                Emit(now, ack, TcpFlags.Rst, 0, 0);
            }
            return;
        }
        if (h.Has(TcpFlags.Rst))
        {
            if (hasAck)
            {
                End(TcpSignal.Reset);
            }
            return;
        }
        if (!h.Has(TcpFlags.Syn))
        {
            return;
        }
        TakeSyn(now, h, ourSynSent: true);
        if (hasAck)
        {
            _sndUna = ack;
            _sendBase = ack;
            State = TcpState.Established;
            _rtoAt = long.MaxValue;
            _retransmissions = 0;
            if (_timestamps && h.Options.TimestampEcho != 0)
            {
                Rtt.Sample(TsNow(now) - h.Options.TimestampEcho);
            }
            else if (_timing)
            {
                Rtt.Sample(now - _timedAt);
            }
            _timing = false;
            UpdateWindow(h);
            ArmKeepalive(now);
            SendAck(now);
            _output.Signal(this, TcpSignal.Established);
            TrySend(now);
        }
        else
        {
            // Simultaneous open (RFC 9293 §3.5): our SYN again, now with an ACK of theirs.
            State = TcpState.SynReceived;
            SendSyn(now, ack: true);
        }
    }

    /// <summary>Takes the peer's SYN: its sequence number and the options both ends agreed on.</summary>
    private void TakeSyn(long now, in TcpHeader syn, bool ourSynSent)
    {
        _ = ourSynSent;
        _irs = syn.Sequence;
        _rcvNxt = syn.Sequence + 1;
        _readSeq = _rcvNxt;
        _lastAdvertisedEdge = _rcvNxt;
        var options = syn.Options;
        if (options.WindowScale >= 0)
        {
            _sndShift = options.WindowScale;
            _rcvShift = _settings.WindowScale;
        }
        _sack = options.SackPermitted;
        if (options.HasTimestamps)
        {
            _timestamps = true;
            _tsRecent = options.TimestampValue;
            _tsRecentAge = now;
        }
        // RFC 9293 §3.7.1: without the option, 536 (IPv4) or 1220 (IPv6).
        SetMss(options.Mss != 0 ? options.Mss : Tuple.IsV4 ? 536 : 1220);
        _sndWnd = syn.Window;
        _maxSndWnd = _sndWnd;
        _sndWl1 = syn.Sequence;
        _sndWl2 = syn.Acknowledgment;
    }

    private void SetMss(int peerMss)
    {
        _sendMss = Math.Max(64, Math.Min(peerMss, _ourMss));
        Congestion = new NewReno(SegmentPayload);
    }

    private void UpdateWindow(in TcpHeader h)
    {
        _sndWnd = (long)h.Window << _sndShift;
        _maxSndWnd = Math.Max(_maxSndWnd, _sndWnd);
        _sndWl1 = h.Sequence;
        _sndWl2 = h.Acknowledgment;
        if (_sndWnd > 0)
        {
            _persistAt = long.MaxValue;
            _persistBackoff = 0;
        }
    }

    /// <summary>The ACK field (RFC 9293 §3.10.7.4 "fifth", RFC 5961 §5); false when the segment is to be dropped.</summary>
    private bool ProcessAck(long now, in TcpHeader h, int payloadLength)
    {
        var ack = h.Acknowledgment;
        if (Seq.Gt(ack, _sndMax) || Seq.Lt(ack, _sndUna - (uint)Math.Min(_maxSndWnd, int.MaxValue)))
        {
            // Acknowledges what was never sent, or far too old: RFC 5961 §5.2 answers with a (challenge) ACK and drops it.
            ChallengeAck(now);
            return false;
        }
        if (_sack && h.Options.SackCount > 0)
        {
            for (var i = 0; i < h.Options.SackCount; i++)
            {
                var block = h.Options.Sack(i);
                if (Seq.Gt(block.Right, ack) && Seq.Le(block.Right, _sndMax) && Seq.Lt(block.Left, block.Right))
                {
                    _scoreboard.Add(Seq.Max(block.Left, ack), block.Right);
                }
            }
        }
        var windowChanged = ((long)h.Window << _sndShift) != _sndWnd;
        if (Seq.Gt(ack, _sndUna))
        {
            NewAck(now, h, ack);
        }
        else if (ack == _sndUna && payloadLength == 0 && !h.Has(TcpFlags.Fin) && !windowChanged && Seq.Lt(_sndUna, _sndMax))
        {
            if (Congestion.OnDuplicateAck(_sndUna, _sndMax - _sndUna, _sndMax))
            {
                Counters.Count(TcpCount.FastRetransmits);
                Retransmit(now, _sndUna);
            }
        }
        if (Seq.Lt(_sndWl1, h.Sequence) || (_sndWl1 == h.Sequence && Seq.Le(_sndWl2, ack)))
        {
            UpdateWindow(h);
        }
        if (FinAcked)
        {
            switch (State)
            {
                case TcpState.FinWait1:
                    State = TcpState.FinWait2;
                    if (_readClosed)
                    {
                        _finWait2At = now + _settings.FinWait2Ms;
                    }
                    break;
                case TcpState.Closing:
                    EnterTimeWait(now);
                    break;
                case TcpState.LastAck:
                    End(TcpSignal.Closed);
                    return false;
            }
        }
        return true;
    }

    private void NewAck(long now, in TcpHeader h, uint ack)
    {
        if (_timestamps && h.Options.HasTimestamps && h.Options.TimestampEcho != 0)
        {
            Rtt.Sample(TsNow(now) - h.Options.TimestampEcho);
        }
        else if (_timing && Seq.Gt(ack, _timedSeq))
        {
            Rtt.Sample(now - _timedAt);
            _timing = false;
        }
        var acked = (int)(ack - _sndUna);
        var dataEnd = _sendBase + (uint)_sendCount;
        var covered = Seq.Min(ack, dataEnd);
        if (Seq.Gt(covered, _sendBase))
        {
            var removed = (int)(covered - _sendBase);
            _sendRing.Advance(removed);
            _sendBase = covered;
            _sendCount -= removed;
            _output.Signal(this, TcpSignal.Writable);
        }
        _sndUna = ack;
        if (Seq.Lt(_sndNxt, _sndUna))
        {
            _sndNxt = _sndUna;
        }
        _scoreboard.RemoveBelow(ack);
        _retransmissions = 0;
        var partial = Congestion.OnNewAck(ack, acked, _sndMax - ack);
        _rtoAt = _sndUna == _sndMax ? long.MaxValue : now + Rtt.RtoMs;
        if (partial)
        {
            // NewReno (RFC 6582 §3.2 step 5): the next hole is lost too.
            Retransmit(now, _sndUna);
        }
    }

    private void TakeData(long now, uint seq, ReadOnlySpan<byte> payload)
    {
        var skip = Seq.Lt(seq, _rcvNxt) ? _rcvNxt - seq : 0;
        if (skip >= (uint)payload.Length)
        {
            SendAck(now);
            return;
        }
        var start = seq + skip;
        var data = payload[(int)skip..];
        var room = (long)(uint)(_readSeq + (uint)_receiveRing.Capacity - start);
        if (room <= 0 || room > _receiveRing.Capacity)
        {
            SendAck(now);
            return;
        }
        data = data[..(int)Math.Min(data.Length, room)];
        var offset = (int)(start - _readSeq);
        if (start == _rcvNxt)
        {
            _receiveRing.WriteAt(offset, data);
            _rcvNxt += (uint)data.Length;
            var hadHoles = _outOfOrder.Count > 0;
            while (_outOfOrder.Count > 0 && Seq.Le(_outOfOrder.Start(0), _rcvNxt))
            {
                _rcvNxt = Seq.Max(_rcvNxt, _outOfOrder.End(0));
                _outOfOrder.RemoveBelow(_rcvNxt);
            }
            _output.Signal(this, TcpSignal.Readable);
            // RFC 5681 §4.2: ACK at once when a hole fills; otherwise every second full segment (held to the end of the
            // batch with HoldAcks) or after the delay.
            if (hadHoles || (++_unackedSegments >= 2 && !HoldAcks))
            {
                SendAck(now);
            }
            else if (_unackedSegments >= 2)
            {
                _ackHeld = true;
            }
            if (_unackedSegments > 0 && _delayedAckAt == long.MaxValue)
            {
                _delayedAckAt = now + _settings.DelayedAckMs;
            }
        }
        else
        {
            if (_outOfOrder.Add(start, start + (uint)data.Length))
            {
                _receiveRing.WriteAt(offset, data);
            }
            // A duplicate ACK (with SACK blocks) at once for out-of-order data (RFC 5681 §4.2).
            SendAck(now);
        }
    }

    private void TakeFin(long now)
    {
        if (!_peerFinPending || _peerFin || _rcvNxt != _peerFinSeq)
        {
            return;
        }
        _peerFin = true;
        _rcvNxt++;
        SendAck(now);
        switch (State)
        {
            case TcpState.SynReceived or TcpState.Established:
                State = TcpState.CloseWait;
                break;
            case TcpState.FinWait1:
                if (FinAcked)
                {
                    EnterTimeWait(now);
                }
                else
                {
                    State = TcpState.Closing;
                }
                break;
            case TcpState.FinWait2:
                EnterTimeWait(now);
                break;
        }
        _output.Signal(this, TcpSignal.PeerFinished);
    }

    private void EnterTimeWait(long now)
    {
        State = TcpState.TimeWait;
        _rtoAt = _persistAt = _keepaliveAt = _finWait2At = _delayedAckAt = long.MaxValue;
        _timeWaitAt = now + _settings.TimeWaitMs;
    }
}
