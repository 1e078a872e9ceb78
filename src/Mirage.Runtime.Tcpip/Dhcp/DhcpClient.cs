using System.Net;
using System.Numerics;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Common;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Dhcp;

/// <summary>Where a DHCP client stands (RFC 2131 §4.4, figure 5).</summary>
public enum DhcpPhase
{
    /// <summary>Looking for servers (DHCPDISCOVER sent).</summary>
    Selecting,

    /// <summary>Asking for an offered address (DHCPREQUEST sent).</summary>
    Requesting,

    /// <summary>Holding a lease.</summary>
    Bound,

    /// <summary>Past T1: renewing with the server that granted the lease.</summary>
    Renewing,

    /// <summary>Past T2: asking any server to extend the lease.</summary>
    Rebinding,
}

/// <summary>A message the client wants sent: to the broadcast address, or to <see cref="Server"/> (renewal).</summary>
public readonly record struct DhcpSend(DhcpMessage Message, uint Server);

/// <summary>
/// The DHCPv4 client state machine (RFC 2131), pure: messages and the time (milliseconds) go in, messages to
/// send and lease changes come out. Discover, offer, request, ack; renewal at T1 by unicast, rebinding at T2
/// by broadcast, back to discovery when the lease expires or a server says no. It asks for our options
/// (<see cref="DhcpMessage.DefaultRequests"/>) and the <c>requests</c> added (upstream's <c>?requests</c>).
/// </summary>
public sealed class DhcpClient(MacAddress mac, int seed, IReadOnlyList<byte>? requests = null)
{
    private const long FirstRetryMs = 4_000, MaxRetryMs = 64_000, MinRenewRetryMs = 60_000;
    private const int MaxRequests = 4;

    private readonly Random _random = new(seed);
    private readonly byte[]? _asked = requests is { Count: > 0 }
        ? [.. DhcpMessage.DefaultRequests.ToArray().Concat(requests).Distinct().Take(DhcpMessage.MaxParameterRequests)]
        : null;
    private long _nextSend, _retry = FirstRetryMs, _acquired, _start;
    private int _requests;
    private DhcpMessage _offer;

    /// <summary>Where the client stands.</summary>
    public DhcpPhase Phase { get; private set; } = DhcpPhase.Selecting;

    /// <summary>The current lease, if any.</summary>
    public DhcpLease? Lease { get; private set; }

    /// <summary>The transaction in progress.</summary>
    public uint TransactionId { get; private set; }

    /// <summary>Starts discovery at <paramref name="now"/>.</summary>
    public DhcpSend Start(long now)
    {
        Phase = DhcpPhase.Selecting;
        TransactionId = (uint)_random.Next();
        _start = now;
        _retry = FirstRetryMs;
        _nextSend = now + _retry;
        return new DhcpSend(Message(DhcpMessageType.Discover, now), 0);
    }

    /// <summary>
    /// Handles a message from a server: returns what to send, and whether the lease changed (<paramref name="leaseChanged"/>:
    /// acquired, renewed, or lost on a NAK).
    /// </summary>
    public DhcpSend? Handle(long now, DhcpMessage message, out bool leaseChanged)
    {
        leaseChanged = false;
        if (!message.IsReply || message.TransactionId != TransactionId || message.ClientMac != mac)
        {
            return null;
        }
        switch (Phase, message.Type)
        {
            case (DhcpPhase.Selecting, DhcpMessageType.Offer) when Usable(message) && message.ServerIdentifier != 0:
                _offer = message;
                Phase = DhcpPhase.Requesting;
                _requests = 1;
                _retry = FirstRetryMs;
                _nextSend = now + _retry;
                return new DhcpSend(Request(now, message.YourIp, message.ServerIdentifier, ciaddr: 0), 0);
            case (DhcpPhase.Requesting or DhcpPhase.Renewing or DhcpPhase.Rebinding, DhcpMessageType.Ack) when Usable(message):
                Bind(now, message);
                leaseChanged = true;
                return null;
            case (DhcpPhase.Requesting or DhcpPhase.Renewing or DhcpPhase.Rebinding, DhcpMessageType.Nak):
                leaseChanged = Lease is not null;
                Lease = null;
                return Start(now);
            default:
                return null;
        }
    }

    /// <summary>Retransmits, and moves to renewing at T1, rebinding at T2, discovery at expiry.</summary>
    public DhcpSend? Tick(long now, out bool leaseChanged)
    {
        leaseChanged = false;
        if (Lease is { } lease && Phase is DhcpPhase.Bound or DhcpPhase.Renewing or DhcpPhase.Rebinding)
        {
            var elapsed = now - _acquired;
            if (elapsed >= (long)lease.Duration.TotalMilliseconds)
            {
                Lease = null;
                leaseChanged = true;
                return Start(now);
            }
            if (elapsed >= (long)lease.Rebinding.TotalMilliseconds && Phase != DhcpPhase.Rebinding)
            {
                Phase = DhcpPhase.Rebinding;
                _nextSend = now;
            }
            else if (elapsed >= (long)lease.Renewal.TotalMilliseconds && Phase == DhcpPhase.Bound)
            {
                Phase = DhcpPhase.Renewing;
                TransactionId = (uint)_random.Next();
                _nextSend = now;
            }
            if (Phase == DhcpPhase.Bound || now < _nextSend)
            {
                return null;
            }
            // RFC 2131 §4.4.5: retry after half the time left to the next deadline, at least a minute.
            var deadline = _acquired + (long)(Phase == DhcpPhase.Renewing ? lease.Rebinding : lease.Duration).TotalMilliseconds;
            _nextSend = now + Math.Max((deadline - now) / 2, Math.Min(MinRenewRetryMs, deadline - now));
            var ours = Addresses.V4(lease.Address.Address);
            return new DhcpSend(Request(now, 0, 0, ours), Phase == DhcpPhase.Renewing ? Addresses.V4(lease.Server) : 0);
        }
        if (now < _nextSend)
        {
            return null;
        }
        _retry = Math.Min(_retry * 2, MaxRetryMs);
        _nextSend = now + _retry + _random.Next(-1000, 1001);
        if (Phase == DhcpPhase.Requesting && _requests++ < MaxRequests)
        {
            return new DhcpSend(Request(now, _offer.YourIp, _offer.ServerIdentifier, 0), 0);
        }
        if (Phase == DhcpPhase.Requesting)
        {
            return Start(now);
        }
        return new DhcpSend(Message(DhcpMessageType.Discover, now), 0);
    }

    /// <summary>
    /// Whether an offer or ack can configure us: a unicast address (not 0, 127/8, 224/4 or 240/4), a contiguous
    /// netmask (or none: /24) under which it is neither the network's nor its broadcast address. Anything else is
    /// ignored, as if it never came, and the client asks again.
    /// </summary>
    private static bool Usable(DhcpMessage message)
    {
        var address = message.YourIp;
        var mask = MaskOf(message);
        if (address == 0 || address >> 24 == 127 || address >> 28 >= 14 || (~mask & (~mask + 1)) != 0)
        {
            return false;
        }
        var host = address & ~mask;
        return mask >= 0xFFFF_FFFE || (host != 0 && host != ~mask);
    }

    private static uint MaskOf(DhcpMessage message) => message.SubnetMask != 0 ? message.SubnetMask : 0xFFFF_FF00;

    private void Bind(long now, DhcpMessage ack)
    {
        var mask = MaskOf(ack);
        var length = BitOperations.PopCount(mask);
        var duration = TimeSpan.FromSeconds(ack.LeaseSeconds == 0 ? 3600 : Math.Min(ack.LeaseSeconds, int.MaxValue / 1000));
        var renewal = ack.RenewalSeconds != 0 && ack.RenewalSeconds * 1000.0 < duration.TotalMilliseconds ? TimeSpan.FromSeconds(ack.RenewalSeconds) : duration / 2;
        var rebinding = ack.RebindingSeconds != 0 && ack.RebindingSeconds * 1000.0 < duration.TotalMilliseconds ? TimeSpan.FromSeconds(ack.RebindingSeconds) : duration * 7 / 8;
        if (renewal > rebinding)
        {
            (renewal, rebinding) = (duration / 2, duration * 7 / 8); // contradictory timers: RFC 2131's defaults
        }
        var server = ack.ServerIdentifier != 0 ? ack.ServerIdentifier : Lease is { } old ? Addresses.V4(old.Server) : 0;
        // A router outside the leased network could not be reached: the lease is used without it.
        var router = ack.Router != 0 && (ack.Router & mask) == (ack.YourIp & mask) && ack.Router != ack.YourIp ? ack.Router : 0;
        Lease = new DhcpLease(
            new IpPrefix(Addresses.FromV4(ack.YourIp), length),
            router != 0 ? Addresses.FromV4(router) : null,
            [.. (ack.DnsServers ?? []).Select(Addresses.FromV4)],
            Addresses.FromV4(server),
            duration, renewal, rebinding,
            DhcpLeaseOptions.Of(ack.Options ?? []));
        Phase = DhcpPhase.Bound;
        _acquired = now;
    }

    private DhcpMessage Request(long now, uint requested, uint server, uint ciaddr) =>
        Message(DhcpMessageType.Request, now) with { RequestedIp = requested, ServerIdentifier = server, ClientIp = ciaddr, Broadcast = ciaddr == 0 };

    private DhcpMessage Message(DhcpMessageType type, long now) =>
        new(false, TransactionId, mac, type, Seconds: (ushort)Math.Min((now - _start) / 1000, ushort.MaxValue), Broadcast: true,
            ParameterRequests: _asked);
}
