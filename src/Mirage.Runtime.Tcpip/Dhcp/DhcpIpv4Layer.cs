using System.Buffers;
using System.Net;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Ipv4;
using Mirage.Runtime.Tcpip.Udp;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Dhcp;

/// <summary>
/// IPv4 whose address, netmask and gateway come from a DHCP lease (upstream's <c>Dhcp_ipv4.Make</c>, charrua-client):
/// an <see cref="Ipv4Layer"/> with the <see cref="DhcpClient"/> running over it. The client's datagrams (UDP from port
/// 67 to port 68) are taken out before the UDP layer above sees the rest, as upstream's projection of the network does;
/// each lease reconfigures the IPv4 layer. Time advances through <see cref="Tick"/>.
/// </summary>
public sealed class DhcpIpv4Layer : IIpLayer
{
    private static readonly LogSource Log = new("dhcp");

    private readonly Ipv4Layer _ip;
    private readonly TimeProvider _time;
    private readonly DhcpClient _client;
    private readonly TaskCompletionSource<DhcpLease> _firstLease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IpHandler? _udp;

    private DhcpIpv4Layer(Ipv4Layer ip, MacAddress mac, TimeProvider time, int seed, IReadOnlyList<byte>? requests)
    {
        _ip = ip;
        _time = time;
        _client = new DhcpClient(mac, seed, requests);
    }

    /// <summary>
    /// IPv4 over <paramref name="ethernet"/> and <paramref name="arp"/> without an address yet; <see cref="Start"/>
    /// sends the first DHCPDISCOVER. <paramref name="seed"/> draws the transaction ids (default: from the MAC and the clock);
    /// <paramref name="requests"/> are option codes asked for besides ours.
    /// </summary>
    public static DhcpIpv4Layer Connect(IEthernet ethernet, IArp arp, TimeProvider time, int? seed = null, IReadOnlyList<byte>? requests = null)
    {
        var ip = Ipv4Layer.Connect(ethernet, arp, time, Ipv4Config.Unconfigured);
        var layer = new DhcpIpv4Layer(ip, ethernet.Mac, time, seed ?? ((int)ethernet.Mac.Value ^ Environment.TickCount), requests);
        ip.Listen(IpProtocols.Udp, layer.InputAsync);
        return layer;
    }

    /// <summary>The IPv4 layer the lease configures.</summary>
    public Ipv4Layer Ipv4 => _ip;

    /// <summary>The current lease, if any (the gateway and DNS servers for the resolver).</summary>
    public DhcpLease? Lease
    {
        get
        {
            lock (_client)
            {
                return _client.Lease;
            }
        }
    }

    /// <summary>Completes with the first lease bound.</summary>
    public Task<DhcpLease> FirstLease => _firstLease.Task;

    /// <inheritdoc />
    public IReadOnlyList<IpPrefix> ConfiguredAddresses => _ip.ConfiguredAddresses;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Starts discovery.</summary>
    public void Start()
    {
        DhcpSend first;
        lock (_client)
        {
            first = _client.Start(Now);
        }
        After(first, leaseChanged: false);
    }

    /// <summary>Retransmits, renews at T1, rebinds at T2, starts over at expiry, and ticks the IPv4 layer.</summary>
    public void Tick()
    {
        _ip.Tick();
        DhcpSend? send;
        bool changed;
        lock (_client)
        {
            send = _client.Tick(Now, out changed);
        }
        After(send, changed);
    }

    /// <inheritdoc />
    public int Mtu(IPAddress destination) => _ip.Mtu(destination);

    /// <inheritdoc />
    public IPAddress Source(IPAddress destination) => _ip.Source(destination);

    /// <inheritdoc />
    public void Listen(byte protocol, IpHandler handler)
    {
        if (protocol == IpProtocols.Udp)
        {
            _udp = handler;
        }
        else
        {
            _ip.Listen(protocol, handler);
        }
    }

    /// <inheritdoc />
    public NetifError? Write<TState>(IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null) =>
        _ip.Write(source, destination, protocol, payloadSize, state, fill, hopLimit);

    private ValueTask InputAsync(IpPacketInfo packet, ReadOnlyMemory<byte> payload)
    {
        if (!IsDhcpReply(payload.Span))
        {
            return _udp is { } udp ? udp(packet, payload) : ValueTask.CompletedTask;
        }
        var pseudo = UdpLayer.PseudoHeader(packet.Source, packet.Destination, IpProtocols.Udp, payload.Length);
        if (UdpHeader.TryParse(payload.Span, pseudo, checksumRequired: false, out var header)
            && DhcpMessage.TryParse(payload.Span[UdpHeader.HeaderLength..header.Length], out var message))
        {
            DhcpSend? send;
            bool changed;
            lock (_client)
            {
                send = _client.Handle(Now, message, out changed);
            }
            After(send, changed);
        }
        return ValueTask.CompletedTask;
    }

    private static bool IsDhcpReply(ReadOnlySpan<byte> udp) =>
        udp.Length >= UdpHeader.HeaderLength
        && udp[0] == 0 && udp[1] == DhcpMessage.ServerPort
        && udp[2] == 0 && udp[3] == DhcpMessage.ClientPort;

    private void After(DhcpSend? send, bool leaseChanged)
    {
        if (leaseChanged)
        {
            Reconfigure();
        }
        if (send is { } s)
        {
            Send(s);
        }
    }

    private void Reconfigure()
    {
        var lease = Lease;
        if (lease is null)
        {
            Log.Warning("DHCP lease lost; looking for a server again");
            _ip.Reconfigure(Ipv4Config.Unconfigured);
            return;
        }
        Log.Info($"DHCP lease {lease.Address} gateway {lease.Gateway?.ToString() ?? "none"} from {lease.Server} for {lease.Duration}");
        _ip.Reconfigure(new Ipv4Config(lease.Address, lease.Gateway));
        _firstLease.TrySetResult(lease);
    }

    /// <summary>Sends one client message: broadcast from 0.0.0.0 until we hold an address, unicast to the server when renewing.</summary>
    private void Send(DhcpSend send)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(send.Message.MaxLength);
        try
        {
            var length = send.Message.Write(buffer);
            var destination = send.Server == 0 ? IPAddress.Broadcast : Addresses.FromV4(send.Server);
            var source = send.Message.ClientIp == 0 ? IPAddress.Any : _ip.Source(destination);
            var size = UdpHeader.HeaderLength + length;
            var datagram = new UdpLayer.Datagram(
                new UdpHeader(DhcpMessage.ClientPort, DhcpMessage.ServerPort, size),
                buffer.AsMemory(0, length),
                UdpLayer.PseudoHeader(source, destination, IpProtocols.Udp, size));
            _ip.Write(source, destination, IpProtocols.Udp, size, datagram, UdpLayer.Datagram.Writer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
