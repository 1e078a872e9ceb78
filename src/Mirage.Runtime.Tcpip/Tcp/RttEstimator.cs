namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// The retransmission timeout of RFC 6298: SRTT and RTTVAR from samples (α = 1/8, β = 1/4), RTO = SRTT + 4·RTTVAR
/// clamped to [min, max], 1 s before the first sample, doubled on each timeout (back-off) until a new sample.
/// Samples come from timestamps or from one timed segment that was never retransmitted (Karn).
/// </summary>
public sealed class RttEstimator(long minRtoMs, long maxRtoMs)
{
    private const long InitialRtoMs = 1000;
    private long _srtt = -1;
    private long _rttvar;
    private int _backoff;

    /// <summary>The smoothed round-trip time in ms, -1 before the first sample.</summary>
    public long SmoothedMs => _srtt;

    /// <summary>The current timeout in ms, back-off included.</summary>
    public long RtoMs
    {
        get
        {
            var basis = _srtt < 0 ? InitialRtoMs : Math.Max(minRtoMs, _srtt + Math.Max(1, 4 * _rttvar));
            return Math.Min(maxRtoMs, basis << Math.Min(_backoff, 16));
        }
    }

    /// <summary>Takes a round-trip sample (ms) and clears the back-off.</summary>
    public void Sample(long rttMs)
    {
        rttMs = Math.Max(0, rttMs);
        if (_srtt < 0)
        {
            _srtt = rttMs;
            _rttvar = rttMs / 2;
        }
        else
        {
            _rttvar = ((3 * _rttvar) + Math.Abs(_srtt - rttMs)) / 4;
            _srtt = ((7 * _srtt) + rttMs) / 8;
        }
        _backoff = 0;
    }

    /// <summary>Doubles the timeout after a retransmission timeout.</summary>
    public void BackOff() => _backoff++;
}
