using System.Diagnostics.Metrics;
using System.Text;
using Mirage.Runtime.Tcpip.Arp;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Ethernet;
using Mirage.Runtime.Tcpip.Ipv4;
using Mirage.Runtime.Tcpip.Ipv6;
using Mirage.Runtime.Tcpip.Udp;

namespace Mirage.Runtime.Tcpip.Stack;

/// <summary>
/// The direct stack's counters published as observable counters (meter <c>Mirage.Tcpip</c>): one
/// instrument per layer and reason (<c>mirage.tcpip.ipv4.fragments_dropped</c>), and the interface's
/// <c>mirage.tcpip.netif.*</c> and TCP's <c>mirage.tcpip.tcp.*</c> (<see cref="Tcp"/>), each the sum over the live stacks. The layers keep counting on their
/// own; these are read only when a listener asks, so the fast path pays nothing.
/// </summary>
public static partial class TcpipMetrics
{
    private static readonly Meter Meter = new("Mirage.Tcpip");
    private static readonly Lock Gate = new();
    private static readonly List<WeakReference<DirectStack>> Stacks = [];

    static TcpipMetrics()
    {
        Layer<EthernetCount>("ethernet", s => s.Ethernet.Counts);
        Layer<ArpCount>("arp", s => s.Arp.Counts);
        Layer<Ipv4Count>("ipv4", s => s.Ipv4?.Counts);
        Layer<Ipv6Count>("ipv6", s => s.Ipv6?.Counts);
        Layer<UdpCount>("udp", s => s.Udp.Counts);
        Tcp();
        Netif("rx_bytes", "By", "Bytes received by the interface", s => s.Netif.Stats.RxBytes);
        Netif("tx_bytes", "By", "Bytes sent by the interface", s => s.Netif.Stats.TxBytes);
        Netif("rx_packets", "{frame}", "Frames received by the interface", s => s.Netif.Stats.RxPackets);
        Netif("tx_packets", "{frame}", "Frames sent by the interface", s => s.Netif.Stats.TxPackets);
        Netif("rx_dropped", "{frame}", "Frames received and dropped by the interface", s => s.Netif.Stats.RxDropped);
        Netif("tx_dropped", "{frame}", "Frames the interface could not send", s => s.Netif.Stats.TxDropped);
    }

    /// <summary>Publishes <paramref name="stack"/>'s counters until it is collected.</summary>
    public static void Register(DirectStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        lock (Gate)
        {
            Stacks.RemoveAll(w => !w.TryGetTarget(out _));
            Stacks.Add(new WeakReference<DirectStack>(stack));
        }
    }

    /// <summary>The instrument name of a reason: <c>FragmentsDropped</c> is <c>fragments_dropped</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static void Layer<TReason>(string layer, Func<DirectStack, DropCounters<TReason>?> counters)
        where TReason : struct, Enum
    {
        foreach (var reason in Enum.GetValues<TReason>())
        {
            Meter.CreateObservableCounter(
                $"mirage.tcpip.{layer}.{SnakeCase(reason.ToString())}",
                () => Sum(s => counters(s)?[reason] ?? 0),
                "{packet}",
                $"The {layer} layer's {reason} count");
        }
    }

    private static void Netif(string name, string unit, string description, Func<DirectStack, long> value) =>
        Meter.CreateObservableCounter($"mirage.tcpip.netif.{name}", () => Sum(value), unit, description);

    private static long Sum(Func<DirectStack, long> value)
    {
        lock (Gate)
        {
            long sum = 0;
            foreach (var weak in Stacks)
            {
                if (weak.TryGetTarget(out var stack))
                {
                    sum += value(stack);
                }
            }
            return sum;
        }
    }
}
