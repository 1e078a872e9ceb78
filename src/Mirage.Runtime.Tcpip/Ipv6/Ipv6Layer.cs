using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;
using static Mirage.Runtime.Tcpip.Common.Addresses;
using static Mirage.Runtime.Tcpip.Ipv6.Ipv6Addressing;

namespace Mirage.Runtime.Tcpip.Ipv6;

/// <summary>
/// IPv6 over Ethernet (upstream's <c>Ipv6.Make (Ethernet)</c>, RFC 8200) with neighbour discovery (RFC 4861):
/// a link-local address and the configured one, each checked by duplicate address detection (RFC 4862), router
/// advertisements and SLAAC when accepted, a bounded neighbour cache (<see cref="NeighbourTable{TKey}"/>) with
/// neighbour unreachability detection and a bounded queue per neighbour being resolved, echo replies (RFC 4443), bounded fragment reassembly, fragmentation on send. Time advances
/// through <see cref="Tick"/>.
/// </summary>
public sealed class Ipv6Layer : IIpLayer
{
    private static readonly LogSource Log = new("ipv6");

    /// <summary>The hop limit of what we send.</summary>
    public const byte DefaultHopLimit = 64;

    private const byte NdHopLimit = 255;
    private const int MaxAddresses = 16, Solicitations = 3;
    private static readonly long SolicitationIntervalMs = 4000;

    private sealed class Address
    {
        public UInt128 Ip;
        public int PrefixLength;
        public bool Tentative;
        public long DadDeadline;
        public long ValidUntil = long.MaxValue;
    }

    private readonly IEthernet _ethernet;
    private readonly TimeProvider _time;
    private readonly Ipv6Config _config;
    private readonly Reassembly _reassembly = new(TimeSpan.FromSeconds(60));
    private readonly IpHandler?[] _handlers = new IpHandler?[256];
    private readonly List<Address> _addresses = [];
    private readonly NeighbourTable<UInt128> _neighbours;
    private readonly List<(UInt128 Key, NeighbourTable<UInt128>.Entry Entry, NeighbourProbe Probe)> _probes = [];
    private readonly List<NeighbourTable<UInt128>.Entry> _unreachable = [];
    private readonly Lock _gate = new();
    private UInt128 _router;
    private long _routerUntil;
    private int _solicitationsLeft, _mtu;
    private long _nextSolicitation;
    private uint _identification = (uint)Random.Shared.Next();

    private Ipv6Layer(IEthernet ethernet, TimeProvider time, Ipv6Config config, NeighbourTableOptions? neighbours)
    {
        _ethernet = ethernet;
        _time = time;
        _config = config;
        _mtu = ethernet.Mtu;
        _neighbours = new NeighbourTable<UInt128>(neighbours ?? new NeighbourTableOptions());
    }

    /// <summary>
    /// Starts IPv6 (upstream's <c>Ipv6.connect</c>): begins duplicate address detection of the link-local and
    /// configured addresses, and solicits routers when <see cref="Ipv6Config.AcceptRouterAdvertisements"/>.
    /// Throws <see cref="ArgumentException"/> naming the argument when the configuration is invalid.
    /// <paramref name="neighbours"/> sets the neighbour cache's timers and bounds (RFC 4861's by default).
    /// </summary>
    public static Ipv6Layer Connect(IEthernet ethernet, TimeProvider time, Ipv6Config config, NeighbourTableOptions? neighbours = null)
    {
        if (config.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }
        var ip = new Ipv6Layer(ethernet, time, config, neighbours);
        ethernet.Listen(EtherTypes.Ipv6, ip.InputAsync);
        lock (ip._gate)
        {
            ip.AddAddress(LinkLocal(ethernet.Mac), 64, long.MaxValue);
            if (config.Address is { } prefix)
            {
                ip.AddAddress(V6(prefix.Address), prefix.Length, long.MaxValue);
            }
            if (config.AcceptRouterAdvertisements)
            {
                ip._solicitationsLeft = Solicitations;
            }
        }
        return ip;
    }

    /// <summary>What arrived, what was sent and dropped.</summary>
    public DropCounters<Ipv6Count> Counts { get; } = new();

    /// <summary>How many neighbours the cache holds (resolved and pending).</summary>
    public int NeighbourCount
    {
        get
        {
            lock (_gate)
            {
                return _neighbours.Count;
            }
        }
    }

    /// <summary>Where the neighbour <paramref name="address"/> stands in the cache (RFC 4861 §7.3.2), if it is there.</summary>
    public NeighbourState? NeighbourStateOf(IPAddress address)
    {
        lock (_gate)
        {
            return _neighbours.Find(V6(address))?.State;
        }
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Our addresses that passed duplicate address detection, link-local first.</summary>
    public IReadOnlyList<IpPrefix> ConfiguredAddresses
    {
        get
        {
            lock (_gate)
            {
                return [.. _addresses.Where(a => !a.Tentative).Select(a => new IpPrefix(FromV6(a.Ip), a.PrefixLength))];
            }
        }
    }

    /// <summary>The default router learnt from advertisements, if any.</summary>
    public IPAddress? Router
    {
        get
        {
            lock (_gate)
            {
                return _routerUntil > Now ? FromV6(_router) : null;
            }
        }
    }

    /// <inheritdoc />
    public int Mtu(IPAddress destination) => _mtu - Ipv6Header.Length;

    /// <inheritdoc />
    public IPAddress Source(IPAddress destination)
    {
        lock (_gate)
        {
            return FromV6(SourceFor(V6(destination)));
        }
    }

    /// <inheritdoc />
    public void Listen(byte protocol, IpHandler handler) => _handlers[protocol] = handler;

    /// <summary>Completes duplicate address detection, retries resolutions and solicitations, expires what is old.</summary>
    public void Tick()
    {
        var now = Now;
        lock (_gate)
        {
            _reassembly.Tick(now);
            foreach (var address in _addresses.ToArray())
            {
                if (address.Tentative && address.DadDeadline <= now)
                {
                    address.Tentative = false;
                    Log.Info($"address {FromV6(address.Ip)}/{address.PrefixLength} is ours");
                    SendAdvertisement(address.Ip, AllNodes, solicited: false);
                }
                if (address.ValidUntil <= now)
                {
                    _addresses.Remove(address);
                }
            }
            _neighbours.Tick(now, _probes, _unreachable);
            foreach (var (ip, neighbour, probe) in _probes)
            {
                Solicit(ip, probe == NeighbourProbe.Unicast ? neighbour.Mac : null);
            }
            foreach (var neighbour in _unreachable)
            {
                Counts.Count(Ipv6Count.NeighborsUnreachable);
                Counts.Count(Ipv6Count.QueueDropped, neighbour.DropWaiting());
            }
            _probes.Clear();
            _unreachable.Clear();
            if (_solicitationsLeft > 0 && _nextSolicitation <= now && _addresses.Any(a => !a.Tentative))
            {
                _solicitationsLeft--;
                _nextSolicitation = now + SolicitationIntervalMs;
                SendRouterSolicitation();
            }
        }
    }

    private void AddAddress(UInt128 ip, int prefixLength, long validUntil)
    {
        if (_addresses.Find(a => a.Ip == ip) is { } existing)
        {
            existing.ValidUntil = validUntil;
            return;
        }
        if (_addresses.Count >= MaxAddresses)
        {
            return;
        }
        var address = new Address { Ip = ip, PrefixLength = prefixLength, Tentative = true, DadDeadline = Now + _neighbours.Options.RetransMs, ValidUntil = validUntil };
        _addresses.Add(address);
        // Duplicate address detection: a solicitation from :: for the address; an answer means it is taken.
        SendSolicitation(ip, UInt128.Zero, SolicitedNode(ip));
    }

    private bool Accepts(UInt128 destination)
    {
        if (destination == AllNodes)
        {
            return true;
        }
        foreach (var address in _addresses)
        {
            if (destination == SolicitedNode(address.Ip) || (destination == address.Ip && !address.Tentative))
            {
                return true;
            }
        }
        return false;
    }

    private async ValueTask InputAsync(MacAddress source, MacAddress destination, ReadOnlyMemory<byte> payload)
    {
        if (!Ipv6Header.TryParse(payload.Span, out var header) || IsMulticast(header.Source))
        {
            Counts.Count(Ipv6Count.Malformed);
            return;
        }
        bool accepted;
        lock (_gate)
        {
            accepted = Accepts(header.Destination);
        }
        if (!accepted)
        {
            Counts.Count(Ipv6Count.NotForUs);
            return;
        }
        var body = payload.Slice(Ipv6Header.Length, header.PayloadLength);
        if (!Ipv6Extensions.TryWalk(header.NextHeader, body.Span, out var protocol, out var offset, out var fragment))
        {
            Counts.Count(Ipv6Count.Malformed);
            return;
        }
        if (fragment is not { } piece)
        {
            await DeliverAsync(header, protocol, body[offset..], source).ConfigureAwait(false);
            return;
        }
        if (piece.Offset == 0 && !piece.MoreFragments)
        {
            await DeliverAsync(header, protocol, body[offset..], source).ConfigureAwait(false); // an atomic fragment (RFC 6946)
            return;
        }
        Counts.Count(Ipv6Count.Fragments);
        FragmentVerdict verdict;
        byte[]? whole;
        int length;
        lock (_gate)
        {
            verdict = _reassembly.Add(Now, new FragmentKey(header.Source, header.Destination, piece.Identification, protocol), piece.Offset, piece.MoreFragments, body.Span[offset..], out whole, out length);
        }
        if (verdict is FragmentVerdict.Overlap or FragmentVerdict.Invalid)
        {
            Counts.Count(Ipv6Count.FragmentsDropped);
        }
        if (whole is null)
        {
            return;
        }
        Counts.Count(Ipv6Count.Reassembled);
        try
        {
            await DeliverAsync(header, protocol, whole.AsMemory(0, length), source).ConfigureAwait(false);
        }
        finally
        {
            Reassembly.Return(whole);
        }
    }

    private ValueTask DeliverAsync(Ipv6Header header, byte protocol, ReadOnlyMemory<byte> body, MacAddress linkSource)
    {
        if (protocol == IpProtocols.Icmpv6)
        {
            Icmp(header, body.Span);
            return ValueTask.CompletedTask;
        }
        if (_handlers[protocol] is not { } handler || IsMulticast(header.Destination))
        {
            Counts.Count(Ipv6Count.UnknownProtocol);
            return ValueTask.CompletedTask;
        }
        Counts.Count(Ipv6Count.Delivered);
        return handler(new IpPacketInfo(FromV6(header.Source), FromV6(header.Destination), protocol, header.HopLimit), body);
    }

    private void Icmp(Ipv6Header header, ReadOnlySpan<byte> message)
    {
        var pseudo = Checksum.PseudoHeaderV6(header.Source, header.Destination, IpProtocols.Icmpv6, message.Length);
        if (!IcmpHeader.TryParse(message, out var icmp, pseudo))
        {
            Counts.Count(Ipv6Count.Malformed);
            return;
        }
        lock (_gate)
        {
            switch (icmp.Type)
            {
                case IcmpHeader.EchoRequestV6 when !IsMulticast(header.Destination):
                    Counts.Count(Ipv6Count.EchoReplies);
                    SendIcmp(header.Destination, header.Source, new IcmpHeader(IcmpHeader.EchoReplyV6, 0, icmp.Rest), message[IcmpHeader.Length..]);
                    break;
                case IcmpHeader.NeighborSolicitation:
                    NeighborSolicitation(header, icmp, message);
                    break;
                case IcmpHeader.NeighborAdvertisement:
                    NeighborAdvertisement(header, icmp, message);
                    break;
                case IcmpHeader.RouterAdvertisement:
                    RouterAdvertisement(header, icmp, message);
                    break;
                default:
                    if (_handlers[IpProtocols.Icmpv6] is { } listener)
                    {
                        _ = listener(new IpPacketInfo(FromV6(header.Source), FromV6(header.Destination), IpProtocols.Icmpv6, header.HopLimit), message.ToArray());
                    }
                    break;
            }
        }
    }

    private bool ValidNd(Ipv6Header header, IcmpHeader icmp, ReadOnlySpan<byte> message, int optionsOffset, byte linkOption, out MacAddress? link)
    {
        link = null;
        if (header.HopLimit != NdHopLimit || icmp.Code != 0 || message.Length < optionsOffset
            || !NdpOptionReader.TryValidate(message[optionsOffset..], linkOption, out link))
        {
            Counts.Count(Ipv6Count.NdInvalid);
            return false;
        }
        return true;
    }

    private void NeighborSolicitation(Ipv6Header header, IcmpHeader icmp, ReadOnlySpan<byte> message)
    {
        if (!ValidNd(header, icmp, message, NdpMessage.NeighborOptionsOffset, NdpOptionTypes.SourceLinkAddress, out var link))
        {
            return;
        }
        var target = NdpMessage.ReadTarget(message);
        if (_addresses.Find(a => a.Ip == target) is not { } ours || IsMulticast(target))
        {
            return;
        }
        if (ours.Tentative)
        {
            if (header.Source == UInt128.Zero)
            {
                Duplicate(ours); // another node is checking the same address
            }
            return;
        }
        if (header.Source == UInt128.Zero)
        {
            SendAdvertisement(target, AllNodes, solicited: false);
            return;
        }
        if (link is { } mac)
        {
            Flush(_neighbours.Heard(header.Source, mac, Now));
        }
        Counts.Count(Ipv6Count.NeighborAdvertisementsSent);
        SendAdvertisement(target, header.Source, solicited: true);
    }

    private void NeighborAdvertisement(Ipv6Header header, IcmpHeader icmp, ReadOnlySpan<byte> message)
    {
        if (!ValidNd(header, icmp, message, NdpMessage.NeighborOptionsOffset, NdpOptionTypes.TargetLinkAddress, out var link))
        {
            return;
        }
        var target = NdpMessage.ReadTarget(message);
        if (_addresses.Find(a => a.Ip == target) is { } ours)
        {
            if (link != _ethernet.Mac)
            {
                Duplicate(ours);
            }
            return;
        }
        var solicited = (icmp.Rest & NdpMessage.SolicitedFlag) != 0;
        var overrides = (icmp.Rest & NdpMessage.OverrideFlag) != 0;
        Flush(_neighbours.Advertised(target, link, solicited, overrides, Now));
    }

    private void RouterAdvertisement(Ipv6Header header, IcmpHeader icmp, ReadOnlySpan<byte> message)
    {
        if (!IsLinkLocal(header.Source)
            || !ValidNd(header, icmp, message, NdpMessage.RouterAdvertisementOptionsOffset, NdpOptionTypes.SourceLinkAddress, out var link))
        {
            return;
        }
        if (!_config.AcceptRouterAdvertisements)
        {
            return;
        }
        Counts.Count(Ipv6Count.RouterAdvertisements);
        var now = Now;
        _solicitationsLeft = 0;
        var lifetime = NdpMessage.RouterLifetime(icmp.Rest);
        _router = header.Source;
        _routerUntil = now + (lifetime * 1000L);
        if (link is { } mac)
        {
            Flush(_neighbours.Heard(header.Source, mac, now));
        }
        var reader = new NdpOptionReader(message[NdpMessage.RouterAdvertisementOptionsOffset..]);
        while (reader.MoveNext())
        {
            if (reader.Type == NdpOptionTypes.PrefixInformation && NdpPrefix.TryParse(reader.Option, out var prefix)
                && prefix.Autonomous && prefix.PrefixLength == 64 && prefix.ValidLifetime > 0 && !IsLinkLocal(prefix.Prefix)
                && prefix.PreferredLifetime <= prefix.ValidLifetime)
            {
                var address = (prefix.Prefix & MaskV6(64)) | Ipv6Addressing.InterfaceId(_ethernet.Mac);
                var until = prefix.ValidLifetime == uint.MaxValue ? long.MaxValue : now + (prefix.ValidLifetime * 1000L);
                AddAddress(address, 64, until);
            }
            else if (reader.Type == NdpOptionTypes.Mtu && reader.Option.Length == 8)
            {
                var mtu = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(reader.Option[4..]);
                if (mtu >= 1280 && mtu <= _ethernet.Mtu)
                {
                    _mtu = (int)mtu;
                }
            }
        }
    }

    private void Duplicate(Address address)
    {
        Counts.Count(Ipv6Count.DuplicateAddresses);
        Log.Warning($"address {FromV6(address.Ip)} is used by another node on the link: given up");
        _addresses.Remove(address);
    }

    private UInt128 SourceFor(UInt128 destination)
    {
        var linkScope = IsLinkLocal(destination) || IsMulticast(destination);
        Address? fallback = null;
        foreach (var address in _addresses)
        {
            if (address.Tentative)
            {
                continue;
            }
            if (IsLinkLocal(address.Ip) == linkScope)
            {
                return address.Ip;
            }
            fallback ??= address;
        }
        return fallback?.Ip ?? UInt128.Zero;
    }

    private bool OnLink(UInt128 destination)
    {
        if (IsLinkLocal(destination))
        {
            return true;
        }
        foreach (var address in _addresses)
        {
            var mask = MaskV6(address.PrefixLength);
            if ((address.Ip & mask) == (destination & mask) && !IsLinkLocal(address.Ip))
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc />
    public NetifError? Write<TState>(IPAddress? source, IPAddress destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, int? hopLimit = null)
    {
        if (destination.AddressFamily != AddressFamily.InterNetworkV6)
        {
            Counts.Count(Ipv6Count.SendFailed);
            return NetifError.Unresolved;
        }
        lock (_gate)
        {
            var to = V6(destination);
            var from = source is null ? SourceFor(to) : V6(source);
            if (from == UInt128.Zero)
            {
                Counts.Count(Ipv6Count.SendFailed);
                return NetifError.Unresolved;
            }
            return Send(from, to, protocol, payloadSize, state, fill, (byte)(hopLimit ?? DefaultHopLimit));
        }
    }

    private NetifError? Send<TState>(UInt128 source, UInt128 destination, byte protocol, int payloadSize, TState state, SpanWriter<TState> fill, byte hopLimit)
    {
        UInt128 nextHop;
        if (IsMulticast(destination) || OnLink(destination))
        {
            nextHop = destination;
        }
        else if (_routerUntil > Now)
        {
            nextHop = _router;
        }
        else if (_config.Gateway is { } gateway)
        {
            nextHop = V6(gateway);
        }
        else
        {
            Counts.Count(Ipv6Count.SendFailed);
            return NetifError.Unresolved;
        }
        var header = new Ipv6Header(0, 0, 0, protocol, hopLimit, source, destination);
        if (Ipv6Header.Length + payloadSize <= _mtu)
        {
            Counts.Count(Ipv6Count.Sent);
            return Transmit(nextHop, Ipv6Header.Length + payloadSize, new Packet<TState>(header, state, fill), Packet<TState>.Writer);
        }
        if (payloadSize > Reassembly.MaxLength)
        {
            Counts.Count(Ipv6Count.SendFailed);
            return NetifError.TooLarge;
        }
        var payload = ArrayPool<byte>.Shared.Rent(payloadSize);
        try
        {
            var length = fill(payload.AsSpan(0, payloadSize), state);
            var piece = (_mtu - Ipv6Header.Length - Ipv6FragmentHeader.Length) & ~7;
            var id = ++_identification;
            for (var offset = 0; offset < length; offset += piece)
            {
                var size = Math.Min(piece, length - offset);
                var fragment = new Ipv6FragmentHeader(protocol, offset, offset + size < length, id);
                Counts.Count(Ipv6Count.Sent);
                var error = Transmit(nextHop, Ipv6Header.Length + Ipv6FragmentHeader.Length + size, new Piece(header, fragment, payload, offset, size), Piece.Writer);
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

    private NetifError? Transmit<TState>(UInt128 nextHop, int size, TState state, SpanWriter<TState> fill)
    {
        if (IsMulticast(nextHop))
        {
            return _ethernet.Write(MulticastMac(nextHop), EtherTypes.Ipv6, size, state, fill);
        }
        if (_neighbours.Send(nextHop, Now, out var neighbour, out var probe) is { } mac)
        {
            return _ethernet.Write(mac, EtherTypes.Ipv6, size, state, fill);
        }
        if (neighbour is null)
        {
            Counts.Count(Ipv6Count.NeighborCacheFull);
            return NetifError.Unresolved;
        }
        if (!_neighbours.CanQueue(neighbour))
        {
            Counts.Count(Ipv6Count.QueueDropped);
            return null; // as a full queue on a link: lost, not an error of the caller
        }
        var packet = ArrayPool<byte>.Shared.Rent(size);
        neighbour.Waiting.Enqueue((packet, fill(packet.AsSpan(0, size), state)));
        if (probe is not null)
        {
            Solicit(nextHop, null);
        }
        return null;
    }

    /// <summary>
    /// Solicits <paramref name="target"/>: to its solicited-node multicast address to resolve it, or to
    /// <paramref name="cached"/>, its link address, to confirm it is still reachable (RFC 4861 §7.3.3, PROBE).
    /// </summary>
    private void Solicit(UInt128 target, MacAddress? cached)
    {
        Counts.Count(cached is null ? Ipv6Count.NeighborSolicitationsSent : Ipv6Count.NeighborProbesSent);
        SendSolicitation(target, SourceFor(target), cached is null ? SolicitedNode(target) : target);
    }

    /// <summary>Sends the packets that waited for <paramref name="neighbour"/>'s resolution (none when null).</summary>
    private void Flush(NeighbourTable<UInt128>.Entry? neighbour) => neighbour?.SendWaiting(_ethernet, EtherTypes.Ipv6);

    private void SendSolicitation(UInt128 target, UInt128 source, UInt128 destination)
    {
        // From :: (duplicate address detection) a solicitation carries no link-layer option (RFC 4861 §4.3).
        var body = new byte[16 + (source == UInt128.Zero ? 0 : 8)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(body, target);
        if (source != UInt128.Zero)
        {
            NdpOptionReader.WriteLinkAddress(body.AsSpan(16), NdpOptionTypes.SourceLinkAddress, _ethernet.Mac);
        }
        SendIcmp(source, destination, new IcmpHeader(IcmpHeader.NeighborSolicitation, 0, 0), body, NdHopLimit);
    }

    private void SendAdvertisement(UInt128 target, UInt128 destination, bool solicited)
    {
        var body = new byte[24];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(body, target);
        NdpOptionReader.WriteLinkAddress(body.AsSpan(16), NdpOptionTypes.TargetLinkAddress, _ethernet.Mac);
        var flags = NdpMessage.OverrideFlag | (solicited ? NdpMessage.SolicitedFlag : 0);
        SendIcmp(target, destination, new IcmpHeader(IcmpHeader.NeighborAdvertisement, 0, flags), body, NdHopLimit);
    }

    private void SendRouterSolicitation()
    {
        var source = SourceFor(AllRouters);
        var body = new byte[8];
        NdpOptionReader.WriteLinkAddress(body, NdpOptionTypes.SourceLinkAddress, _ethernet.Mac);
        SendIcmp(source, AllRouters, new IcmpHeader(IcmpHeader.RouterSolicitation, 0, 0), body, NdHopLimit);
    }

    private void SendIcmp(UInt128 source, UInt128 destination, IcmpHeader header, ReadOnlySpan<byte> body, byte hopLimit = DefaultHopLimit)
    {
        var length = IcmpHeader.Length + body.Length;
        var reply = new IcmpReply(header, body.ToArray(), Checksum.PseudoHeaderV6(source, destination, IpProtocols.Icmpv6, length));
        Send(source, destination, IpProtocols.Icmpv6, length, reply, IcmpReply.Writer, hopLimit);
    }

    private readonly record struct Packet<TState>(Ipv6Header Header, TState State, SpanWriter<TState> Fill)
    {
        public static readonly SpanWriter<Packet<TState>> Writer = static (buffer, packet) =>
        {
            var length = packet.Fill(buffer[Ipv6Header.Length..], packet.State);
            (packet.Header with { PayloadLength = length }).TryWrite(buffer);
            return Ipv6Header.Length + length;
        };
    }

    private readonly record struct Piece(Ipv6Header Header, Ipv6FragmentHeader Fragment, byte[] Payload, int Offset, int Size)
    {
        public static readonly SpanWriter<Piece> Writer = static (buffer, piece) =>
        {
            const int Start = Ipv6Header.Length + Ipv6FragmentHeader.Length;
            (piece.Header with { PayloadLength = Ipv6FragmentHeader.Length + piece.Size, NextHeader = Ipv6FragmentHeader.Protocol }).TryWrite(buffer);
            piece.Fragment.TryWrite(buffer[Ipv6Header.Length..]);
            piece.Payload.AsSpan(piece.Offset, piece.Size).CopyTo(buffer[Start..]);
            return Start + piece.Size;
        };
    }
}
