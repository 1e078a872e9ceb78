using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;
using static Mirage.Runtime.Tcpip.Common.Addresses;

namespace Mirage.Runtime.Tcpip.Ipv4;

/// <summary>
/// IPv4 over Ethernet and ARP (upstream's <c>Static_ipv4.Make (Ethernet) (Arp)</c>, RFC 791 and RFC 1122): checks
/// each packet, reassembles fragments in bounded memory, answers echo requests (ICMP, RFC 792), fragments what
/// it sends beyond the MTU, and routes through the gateway. <see cref="Reconfigure"/> changes the address (DHCP).
/// </summary>
public sealed class Ipv4Layer : IIpLayer
{
    /// <summary>The TTL of what we send.</summary>
    public const byte DefaultTtl = 64;

    private readonly IEthernet _ethernet;
    private readonly IArp _arp;
    private readonly TimeProvider _time;
    private readonly Reassembly _reassembly = new(TimeSpan.FromSeconds(30));
    private readonly IpHandler?[] _handlers = new IpHandler?[256];
    private readonly Lock _gate = new();
    private Ipv4Config _config;
    private uint _address, _mask, _gateway;
    private IPAddress? _gatewayAddress;
    private readonly AddressCache _addresses = new();
    private int _identification;

    private Ipv4Layer(IEthernet ethernet, IArp arp, TimeProvider time, Ipv4Config config)
    {
        _ethernet = ethernet;
        _arp = arp;
        _time = time;
        _config = config;
        _identification = Random.Shared.Next();
    }

    /// <summary>
    /// Starts IPv4 with <paramref name="config"/> (upstream's <c>Static_ipv4.connect</c>); throws
    /// <see cref="ArgumentException"/> naming the argument when the configuration is invalid.
    /// </summary>
    public static Ipv4Layer Connect(IEthernet ethernet, IArp arp, TimeProvider time, Ipv4Config config)
    {
        if (config.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }
        var ip = new Ipv4Layer(ethernet, arp, time, config);
        ip.Reconfigure(config);
        ethernet.Listen(EtherTypes.Ipv4, ip.InputAsync);
        return ip;
    }

    /// <summary>What arrived, what was sent and dropped.</summary>
    public DropCounters<Ipv4Count> Counts { get; } = new();

    /// <summary>Datagrams being reassembled now (bounded).</summary>
    public int ReassemblyInProgress
    {
        get
        {
            lock (_gate)
            {
                return _reassembly.InProgress;
            }
        }
    }

    /// <summary>The configuration in use.</summary>
    public Ipv4Config Config => _config;

    /// <inheritdoc />
    public IReadOnlyList<IpPrefix> ConfiguredAddresses => _config.Address.IsUnspecified ? [] : [_config.Address];

    /// <summary>Changes our address and gateway (a DHCP lease) and announces it.</summary>
    public void Reconfigure(Ipv4Config config)
    {
        lock (_gate)
        {
            _config = config;
            _address = V4(config.Address.Address);
            _mask = MaskV4(config.Address.Length);
            _gatewayAddress = config.Gateway;
            _gateway = config.Gateway is { } g ? V4(g) : 0;
        }
        _arp.SetAddresses(_address == 0 ? [] : [config.Address.Address]);
    }

    /// <inheritdoc />
    public int Mtu(IPAddress destination) => _ethernet.Mtu - Ipv4Header.MinLength;

    /// <inheritdoc />
    public IPAddress Source(IPAddress destination) => _config.Address.Address;

    /// <inheritdoc />
    public void Listen(byte protocol, IpHandler handler) => _handlers[protocol] = handler;

    /// <summary>Drops reassemblies whose time is up. Called by the stack's clock.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            _reassembly.Tick(_time.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private bool IsOurs(uint destination) =>
        destination == _address
        || destination == uint.MaxValue
        || (_address != 0 && _mask != uint.MaxValue && destination == (_address | ~_mask))
        || _address == 0; // unconfigured (DHCP in progress): take what comes

    private async ValueTask InputAsync(MacAddress source, MacAddress destination, ReadOnlyMemory<byte> payload)
    {
        if (!Ipv4Header.TryParse(payload.Span, out var header) || header.Source == uint.MaxValue || (header.Source >> 28) == 0xE)
        {
            Counts.Count(Ipv4Count.Malformed);
            return;
        }
        if (!IsOurs(header.Destination))
        {
            Counts.Count(Ipv4Count.NotForUs);
            return;
        }
        var body = payload[header.HeaderLength..header.TotalLength];
        if (!header.IsFragment)
        {
            await DeliverAsync(header, body).ConfigureAwait(false);
            return;
        }
        Counts.Count(Ipv4Count.Fragments);
        FragmentVerdict verdict;
        byte[]? whole;
        int length;
        lock (_gate)
        {
            var key = new FragmentKey(header.Source, header.Destination, header.Identification, header.Protocol);
            verdict = _reassembly.Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), key, header.FragmentOffset, header.MoreFragments, body.Span, out whole, out length);
        }
        if (verdict is FragmentVerdict.Overlap or FragmentVerdict.Invalid)
        {
            Counts.Count(Ipv4Count.FragmentsDropped);
        }
        if (whole is null)
        {
            return;
        }
        Counts.Count(Ipv4Count.Reassembled);
        try
        {
            await DeliverAsync(header with { TotalLength = header.HeaderLength + length, MoreFragments = false, FragmentOffset = 0 }, whole.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            Reassembly.Return(whole);
        }
    }

    private ValueTask DeliverAsync(Ipv4Header header, ReadOnlyMemory<byte> body)
    {
        if (header.Protocol == IpProtocols.Icmp)
        {
            Icmp(header, body.Span);
            return ValueTask.CompletedTask;
        }
        if (_handlers[header.Protocol] is not { } handler)
        {
            Counts.Count(Ipv4Count.UnknownProtocol);
            if (header.Destination == _address && _address != 0)
            {
                Unreachable(header, body.Span, IcmpHeader.ProtocolUnreachableV4);
            }
            return ValueTask.CompletedTask;
        }
        Counts.Count(Ipv4Count.Delivered);
        return handler(new IpPacketInfo(_addresses.V4(header.Source), _addresses.V4(header.Destination), header.Protocol, header.Ttl), body);
    }

    private void Icmp(Ipv4Header header, ReadOnlySpan<byte> message)
    {
        if (!IcmpHeader.TryParse(message, out var icmp))
        {
            Counts.Count(Ipv4Count.IcmpMalformed);
            return;
        }
        // No replies to broadcast echoes (RFC 1122 §3.2.2.6 allows silence; it avoids smurf amplification).
        if (icmp.Type != IcmpHeader.EchoRequestV4 || header.Destination != _address || _address == 0)
        {
            if (_handlers[IpProtocols.Icmp] is { } listener)
            {
                _ = listener(new IpPacketInfo(FromV4(header.Source), FromV4(header.Destination), IpProtocols.Icmp, header.Ttl), message.ToArray());
            }
            return;
        }
        Counts.Count(Ipv4Count.EchoReplies);
        var reply = new IcmpReply(new IcmpHeader(IcmpHeader.EchoReplyV4, 0, icmp.Rest), message[IcmpHeader.Length..].ToArray());
        Write(_address, header.Source, IpProtocols.Icmp, IcmpHeader.Length + reply.Body.Length, reply, IcmpReply.Writer);
    }

    /// <summary>Sends a destination unreachable about a packet we received (RFC 792: its header and 8 bytes).</summary>
    private void Unreachable(Ipv4Header header, ReadOnlySpan<byte> body, byte code)
    {
        var quoted = new byte[Ipv4Header.MinLength + Math.Min(8, body.Length)];
        (header with { TotalLength = header.HeaderLength + body.Length, HeaderLength = Ipv4Header.MinLength }).TryWrite(quoted);
        body[..(quoted.Length - Ipv4Header.MinLength)].CopyTo(quoted.AsSpan(Ipv4Header.MinLength));
        var message = new IcmpReply(new IcmpHeader(IcmpHeader.DestinationUnreachableV4, code, 0), quoted);
        Write(_address, header.Source, IpProtocols.Icmp, IcmpHeader.Length + quoted.Length, message, IcmpReply.Writer);
    }

    /// <inheritdoc />
    public NetifError? Write<TState>(IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null)
    {
        if (destination.AddressFamily != AddressFamily.InterNetwork)
        {
            Counts.Count(Ipv4Count.SendFailed);
            return NetifError.Unresolved;
        }
        return Write(source is null ? _address : V4(source), V4(destination), protocol, payloadSize, state, fill, (byte)(hopLimit ?? DefaultTtl));
    }

    private NetifError? Write<TState>(uint source, uint destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, byte ttl = DefaultTtl)
    {
        IPAddress nextHop;
        if (destination == uint.MaxValue || (destination >> 28) == 0xE || (destination & _mask) == (_address & _mask) && _address != 0)
        {
            nextHop = _addresses.V4(destination);
        }
        else if (_gatewayAddress is { } gateway)
        {
            nextHop = gateway;
        }
        else
        {
            Counts.Count(Ipv4Count.SendFailed);
            return NetifError.Unresolved;
        }
        var id = (ushort)Interlocked.Increment(ref _identification);
        var header = new Ipv4Header(0, 0, id, false, false, 0, ttl, protocol, source, destination);
        var mtu = _ethernet.Mtu;
        if (Ipv4Header.MinLength + payloadSize <= mtu)
        {
            Counts.Count(Ipv4Count.Sent);
            return _arp.Send(nextHop, Ipv4Header.MinLength + payloadSize, new Packet<TState>(header, state, fill), Packet<TState>.Writer);
        }
        if (payloadSize > Reassembly.MaxLength - Ipv4Header.MinLength)
        {
            Counts.Count(Ipv4Count.SendFailed);
            return NetifError.TooLarge;
        }
        // Fragment: build the payload once, then send it in pieces of a multiple of 8 bytes (RFC 791 §3.2).
        var payload = ArrayPool<byte>.Shared.Rent(payloadSize);
        try
        {
            var length = fill(payload.AsSpan(0, payloadSize), state);
            var piece = (mtu - Ipv4Header.MinLength) & ~7;
            for (var offset = 0; offset < length; offset += piece)
            {
                var size = Math.Min(piece, length - offset);
                var fragment = header with { FragmentOffset = offset, MoreFragments = offset + size < length };
                Counts.Count(Ipv4Count.Sent);
                var error = _arp.Send(nextHop, Ipv4Header.MinLength + size, new Piece(fragment, payload, offset, size), Piece.Writer);
                if (error is not null)
                {
                    return error;
                }
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private readonly record struct Packet<TState>(Ipv4Header Header, TState State, SpanWriter<TState> Fill)
    {
        public static readonly SpanWriter<Packet<TState>> Writer = static (buffer, packet) =>
        {
            var length = packet.Fill(buffer[Ipv4Header.MinLength..], packet.State);
            (packet.Header with { TotalLength = Ipv4Header.MinLength + length }).TryWrite(buffer);
            return Ipv4Header.MinLength + length;
        };
    }

    private readonly record struct Piece(Ipv4Header Header, byte[] Payload, int Offset, int Size)
    {
        public static readonly SpanWriter<Piece> Writer = static (buffer, piece) =>
        {
            piece.Payload.AsSpan(piece.Offset, piece.Size).CopyTo(buffer[Ipv4Header.MinLength..]);
            (piece.Header with { TotalLength = Ipv4Header.MinLength + piece.Size }).TryWrite(buffer);
            return Ipv4Header.MinLength + piece.Size;
        };
    }
}
