using System.Buffers;
using System.Net;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Dhcp;

/// <summary>
/// A small DHCPv4 server (RFC 2131, the server's side) on a UDP layer with a static address: hands out the
/// addresses from <c>first</c> to <c>last</c>, one per client address, with the gateway and DNS servers given.
/// Enough to test the client in memory; bounded by its pool.
/// </summary>
public sealed class DhcpServer
{
    private readonly IUdp _udp;
    private readonly IPAddress _self;
    private readonly uint _first, _last, _mask, _router;
    private readonly uint[] _dns;
    private readonly uint _leaseSeconds;
    private readonly Dictionary<MacAddress, uint> _bindings = [];

    private DhcpServer(IUdp udp, IPAddress self, IpPrefix network, IPAddress first, IPAddress last, IPAddress? router, IReadOnlyList<IPAddress> dns, TimeSpan lease)
    {
        _udp = udp;
        _self = self;
        _first = Addresses.V4(first);
        _last = Addresses.V4(last);
        _mask = Addresses.MaskV4(network.Length);
        _router = router is null ? 0 : Addresses.V4(router);
        _dns = [.. dns.Select(Addresses.V4)];
        _leaseSeconds = (uint)lease.TotalSeconds;
    }

    /// <summary>Serves on port 67 of <paramref name="udp"/>, whose stack has address <paramref name="self"/> in <paramref name="network"/>.</summary>
    public static DhcpServer Start(IUdp udp, IPAddress self, IpPrefix network, IPAddress first, IPAddress last, IPAddress? router, IReadOnlyList<IPAddress> dns, TimeSpan lease)
    {
        var server = new DhcpServer(udp, self, network, first, last, router, dns, lease);
        udp.Listen(DhcpMessage.ServerPort, server.HandleAsync);
        return server;
    }

    /// <summary>The address given to each client so far.</summary>
    public IReadOnlyDictionary<MacAddress, IPAddress> Bindings
    {
        get
        {
            lock (_bindings)
            {
                return _bindings.ToDictionary(b => b.Key, b => Addresses.FromV4(b.Value));
            }
        }
    }

    /// <summary>Acks handed out (renewals included).</summary>
    public int Acks { get; private set; }

    private async ValueTask HandleAsync(UdpDatagram datagram)
    {
        if (!DhcpMessage.TryParse(datagram.Payload.Span, out var request) || request.IsReply)
        {
            return;
        }
        DhcpMessage? reply;
        lock (_bindings)
        {
            reply = Answer(request);
        }
        if (reply is not { } message)
        {
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(message.MaxLength);
        try
        {
            var length = message.Write(buffer);
            await _udp.WriteAsync(new IPEndPoint(IPAddress.Broadcast, DhcpMessage.ClientPort), buffer.AsMemory(0, length), _self, DhcpMessage.ServerPort).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private DhcpMessage? Answer(DhcpMessage request)
    {
        var self = Addresses.V4(_self);
        var offered = _bindings.TryGetValue(request.ClientMac, out var bound) ? bound : Allocate(request.ClientMac);
        if (offered == 0)
        {
            return null; // pool exhausted: stay silent, as RFC 2131 §4.3.1 allows
        }
        var reply = new DhcpMessage(true, request.TransactionId, request.ClientMac, DhcpMessageType.Offer, YourIp: offered, ServerIp: self,
            Broadcast: request.Broadcast, SubnetMask: _mask, Router: _router, DnsServers: _dns, LeaseSeconds: _leaseSeconds,
            RenewalSeconds: _leaseSeconds / 2, RebindingSeconds: _leaseSeconds * 7 / 8, ServerIdentifier: self);
        switch (request.Type)
        {
            case DhcpMessageType.Discover:
                return reply;
            case DhcpMessageType.Request:
                if (request.ServerIdentifier != 0 && request.ServerIdentifier != self)
                {
                    return null; // the client chose another server
                }
                var wanted = request.RequestedIp != 0 ? request.RequestedIp : request.ClientIp;
                if (wanted != offered)
                {
                    return reply with { Type = DhcpMessageType.Nak, YourIp = 0 };
                }
                Acks++;
                return reply with { Type = DhcpMessageType.Ack };
            default:
                return null;
        }
    }

    private uint Allocate(MacAddress client)
    {
        var used = _bindings.Values.ToHashSet();
        for (var ip = _first; ip <= _last && ip != 0; ip++)
        {
            if (!used.Contains(ip))
            {
                _bindings[client] = ip;
                return ip;
            }
        }
        return 0;
    }
}
