using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Udp;

/// <summary>
/// UDP over an IP layer of either or both families (upstream's <c>Udp.Make (Ip)</c>, RFC 768): listeners per
/// port, checksums checked and written with each family's pseudo-header.
/// </summary>
public sealed class UdpLayer : IUdp
{
    private static readonly LogSource Log = new("udp");
    private const int EphemeralFirst = 49_152;

    private readonly IIpLayer _ip;
    private readonly PortUnreachable _unreachable;
    private readonly ConcurrentDictionary<int, UdpHandler> _listeners = new();
    private int _nextEphemeral = Random.Shared.Next(EphemeralFirst, 65_536);

    private UdpLayer(IIpLayer ip, TimeProvider time)
    {
        _ip = ip;
        _unreachable = new PortUnreachable(ip, time);
    }

    /// <summary>
    /// Starts UDP on <paramref name="ip"/> (upstream's <c>Udp.connect</c>); datagrams to a closed port are answered
    /// with ICMP port unreachable, rate-limited on <paramref name="time"/> (the system clock by default).
    /// </summary>
    public static UdpLayer Connect(IIpLayer ip, TimeProvider? time = null)
    {
        var udp = new UdpLayer(ip, time ?? TimeProvider.System);
        ip.Listen(IpProtocols.Udp, udp.InputAsync);
        return udp;
    }

    /// <summary>What arrived, what was sent and dropped.</summary>
    public DropCounters<UdpCount> Counts { get; } = new();

    /// <inheritdoc />
    public ListenError? Listen(int port, UdpHandler handler)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        _listeners[port] = handler;
        return null;
    }

    /// <inheritdoc />
    public void Unlisten(int port) => _listeners.TryRemove(port, out _);

    /// <summary>The running sum of the pseudo-header of a datagram between two addresses of one family.</summary>
    public static ulong PseudoHeader(IPAddress source, IPAddress destination, byte protocol, int length) =>
        source.AddressFamily == AddressFamily.InterNetwork
            ? Checksum.PseudoHeaderV4(Addresses.V4(source), Addresses.V4(destination), protocol, length)
            : Checksum.PseudoHeaderV6(Addresses.V6(source), Addresses.V6(destination), protocol, length);

    private async ValueTask InputAsync(IpPacketInfo packet, ReadOnlyMemory<byte> payload)
    {
        var v6 = packet.Source.AddressFamily == AddressFamily.InterNetworkV6;
        var pseudo = PseudoHeader(packet.Source, packet.Destination, IpProtocols.Udp, payload.Length);
        if (!UdpHeader.TryParse(payload.Span, pseudo, checksumRequired: v6, out var header) || header.Length != payload.Length || header.SourcePort == 0 && v6)
        {
            Counts.Count(UdpCount.Malformed);
            return;
        }
        if (!_listeners.TryGetValue(header.DestinationPort, out var handler))
        {
            Counts.Count(UdpCount.NoListener);
            if (_unreachable.TrySend(packet, payload.Span[..header.Length]))
            {
                Counts.Count(UdpCount.PortUnreachableSent);
            }
            return;
        }
        Counts.Count(UdpCount.Delivered);
        try
        {
            await handler(new UdpDatagram(packet.Source, packet.Destination, header.SourcePort, payload[UdpHeader.HeaderLength..header.Length])).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Counts.Count(UdpCount.HandlerFailed);
            Log.Error($"handler of UDP port {header.DestinationPort} failed on a datagram from {packet.Source}: {e.Message}");
        }
    }

    /// <inheritdoc />
    public ValueTask<UdpError?> WriteAsync(
        IPEndPoint destination,
        ReadOnlyMemory<byte> payload,
        IPAddress? source = null,
        int? sourcePort = null,
        int? ttl = null,
        CancellationToken cancellationToken = default)
    {
        var to = destination.Address.IsIPv4MappedToIPv6 ? destination.Address.MapToIPv4() : destination.Address;
        var from = source ?? _ip.Source(to);
        var length = UdpHeader.HeaderLength + payload.Length;
        if (length > ushort.MaxValue)
        {
            return ValueTask.FromResult<UdpError?>(UdpError.TooLarge);
        }
        var port = sourcePort ?? NextEphemeral();
        var datagram = new Datagram(new UdpHeader((ushort)port, (ushort)destination.Port, length), payload, PseudoHeader(from, to, IpProtocols.Udp, length));
        var error = _ip.Write(from, to, IpProtocols.Udp, length, datagram, Datagram.Writer, ttl);
        if (error is null)
        {
            Counts.Count(UdpCount.Sent);
        }
        return ValueTask.FromResult<UdpError?>(error switch
        {
            null => null,
            NetifError.TooLarge => UdpError.TooLarge,
            _ => UdpError.Unreachable,
        });
    }

    private int NextEphemeral()
    {
        var next = Interlocked.Increment(ref _nextEphemeral);
        return EphemeralFirst + ((next - EphemeralFirst) & 0x3FFF);
    }

    /// <inheritdoc />
    public ValueTask DisconnectAsync()
    {
        _listeners.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>A datagram to write: its header, its payload, and the sum of its pseudo-header.</summary>
    internal readonly record struct Datagram(UdpHeader Header, ReadOnlyMemory<byte> Payload, ulong PseudoHeaderSum)
    {
        public static readonly SpanWriter<Datagram> Writer = static (buffer, d) =>
        {
            d.Payload.Span.CopyTo(buffer[UdpHeader.HeaderLength..]);
            d.Header.TryWrite(buffer, d.PseudoHeaderSum);
            return d.Header.Length;
        };
    }
}
