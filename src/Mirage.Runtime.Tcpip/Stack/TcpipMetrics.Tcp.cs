using System.Diagnostics.Metrics;
using Mirage.Runtime.Tcpip.Tcp;

namespace Mirage.Runtime.Tcpip.Stack;

public static partial class TcpipMetrics
{
    /// <summary>
    /// TCP's counters (<c>mirage.tcpip.tcp.segments_received</c>, <c>.retransmitted</c>, <c>.resets_sent</c>,
    /// <c>.active_opens</c>...) as observable counters with their units, and the connection table's size
    /// as gauges, summed over the live stacks like the other layers'.
    /// </summary>
    private static void Tcp()
    {
        foreach (var count in Enum.GetValues<TcpCount>())
        {
            var (unit, description) = Describe(count);
            Meter.CreateObservableCounter(
                $"mirage.tcpip.tcp.{SnakeCase(count.ToString())}", () => Sum(s => s.Tcp.Counters[count]), unit, description);
        }
        Meter.CreateObservableCounter(
            "mirage.tcpip.tcp.cookies_sent", () => Sum(s => s.Tcp.Counts.CookiesSent), "{segment}", "SYN-ACKs carrying a SYN cookie (RFC 4987)");
        Meter.CreateObservableGauge(
            "mirage.tcpip.tcp.connections", () => Sum(s => s.Tcp.Counts.Connections), "{connection}", "Connections in the TCP table now");
        Meter.CreateObservableGauge(
            "mirage.tcpip.tcp.half_open", () => Sum(s => s.Tcp.Counts.HalfOpen), "{connection}", "Connections in the TCP table still in their handshake");
    }

    private static (string Unit, string Description) Describe(TcpCount count) => count switch
    {
        TcpCount.SegmentsReceived => ("{segment}", "TCP segments received with a valid header and checksum"),
        TcpCount.SegmentsSent => ("{segment}", "TCP segments sent, retransmissions and resets included"),
        TcpCount.ReceivedBytes => ("By", "TCP payload bytes received"),
        TcpCount.SentBytes => ("By", "TCP payload bytes sent, retransmissions included"),
        TcpCount.SegmentsRetransmitted => ("{segment}", "TCP segments sent again (timeouts, fast retransmit, SYN resent)"),
        TcpCount.ResetsReceived => ("{segment}", "TCP segments received with RST"),
        TcpCount.ResetsSent => ("{segment}", "TCP segments sent with RST"),
        TcpCount.ActiveOpens => ("{connection}", "TCP connections asked for (SYN sent by a connect)"),
        TcpCount.PassiveOpens => ("{connection}", "TCP connections accepted by a listener"),
        TcpCount.AttemptFails => ("{connection}", "TCP connections asked for that failed (refused, unreachable, timed out)"),
        TcpCount.Malformed => ("{segment}", "TCP segments refused as malformed (checksum, offsets, options)"),
        TcpCount.Timeouts => ("{event}", "TCP retransmission timeouts that fired with data outstanding"),
        TcpCount.FastRetransmits => ("{event}", "TCP loss recoveries entered on duplicate ACKs (fast retransmit)"),
        TcpCount.LimitedTransmits => ("{segment}", "TCP new segments sent on the first two duplicate ACKs (RFC 3042)"),
        TcpCount.DelayedAcks => ("{segment}", "TCP ACKs sent when the delayed-ACK timer ran out"),
        TcpCount.WindowUpdates => ("{segment}", "TCP window updates sent because the application read"),
        TcpCount.ZeroWindowProbes => ("{segment}", "TCP probes of a peer's zero window"),
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, "a TCP count without a description"),
    };
}
