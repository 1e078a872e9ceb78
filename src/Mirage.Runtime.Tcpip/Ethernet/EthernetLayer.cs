using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Ethernet;

/// <summary>Ethernet II over any network interface (upstream's <c>Ethernet.Make (Netif)</c>).</summary>
public sealed class EthernetLayer : IEthernet
{
    private readonly INetif _netif;
    private EthernetHandler? _ipv4, _arp, _ipv6;

    private EthernetLayer(INetif netif) => _netif = netif;

    /// <summary>Puts Ethernet on <paramref name="netif"/> (upstream's <c>Ethernet.connect</c>).</summary>
    public static EthernetLayer Connect(INetif netif) => new(netif);

    /// <summary>What arrived and what was dropped.</summary>
    public DropCounters<EthernetCount> Counts { get; } = new();

    /// <inheritdoc />
    public MacAddress Mac => _netif.Mac;

    /// <inheritdoc />
    public int Mtu => _netif.Mtu;

    /// <inheritdoc />
    public void Listen(ushort etherType, EthernetHandler handler)
    {
        switch (etherType)
        {
            case EtherTypes.Ipv4: _ipv4 = handler; break;
            case EtherTypes.Arp: _arp = handler; break;
            case EtherTypes.Ipv6: _ipv6 = handler; break;
            default: throw new ArgumentOutOfRangeException(nameof(etherType), etherType, "IPv4, ARP or IPv6 expected");
        }
    }

    /// <inheritdoc />
    public ValueTask InputAsync(ReadOnlyMemory<byte> frame)
    {
        if (!EthernetHeader.TryParse(frame.Span, out var header))
        {
            Counts.Count(EthernetCount.Malformed);
            return ValueTask.CompletedTask;
        }
        if (header.Destination != Mac && !header.Destination.IsGroup)
        {
            Counts.Count(EthernetCount.NotForUs);
            return ValueTask.CompletedTask;
        }
        var handler = header.EtherType switch
        {
            EtherTypes.Ipv4 => _ipv4,
            EtherTypes.Arp => _arp,
            EtherTypes.Ipv6 => _ipv6,
            _ => null,
        };
        if (handler is null)
        {
            Counts.Count(EthernetCount.UnknownType);
            return ValueTask.CompletedTask;
        }
        Counts.Count(EthernetCount.Delivered);
        return handler(header.Source, header.Destination, frame[EthernetHeader.Length..]);
    }

    /// <inheritdoc />
    public NetifError? Write<TState>(MacAddress destination, ushort etherType, int payloadSize, TState state, SpanWriter<TState> fill) =>
        _netif.Write(EthernetHeader.Length + payloadSize, new Frame<TState>(new EthernetHeader(destination, Mac, etherType), state, fill), Frame<TState>.Writer);

    private readonly record struct Frame<TState>(EthernetHeader Header, TState State, SpanWriter<TState> Fill)
    {
        public static readonly SpanWriter<Frame<TState>> Writer = static (buffer, frame) =>
        {
            frame.Header.TryWrite(buffer);
            return EthernetHeader.Length + frame.Fill(buffer[EthernetHeader.Length..], frame.State);
        };
    }
}
