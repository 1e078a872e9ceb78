using System.Buffers.Binary;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>DHCP message types (option 53, RFC 2132 §9.6).</summary>
public enum DhcpMessageType : byte
{
    /// <summary>No option 53 (a BOOTP message, which we ignore).</summary>
    None = 0,

    /// <summary>A client looks for servers.</summary>
    Discover = 1,

    /// <summary>A server offers an address.</summary>
    Offer = 2,

    /// <summary>A client asks for the offered (or its current) address.</summary>
    Request = 3,

    /// <summary>A client found the address in use.</summary>
    Decline = 4,

    /// <summary>A server grants the lease.</summary>
    Ack = 5,

    /// <summary>A server refuses the request.</summary>
    Nak = 6,

    /// <summary>A client gives the address back.</summary>
    Release = 7,

    /// <summary>A client asks for parameters only.</summary>
    Inform = 8,
}

/// <summary>
/// A DHCPv4 message (RFC 2131 §2) with the options we use (RFC 2132): addresses are IPv4 numbers.
/// Every option parsed is also kept as it came (<see cref="Options"/>: the lease's options for the devices that
/// asked for them); <see cref="ParameterRequests"/> is option 55, the codes a client asks for (null: ours,
/// <see cref="DefaultRequests"/>). Not on a fast path: the DNS server list and the options are arrays.
/// </summary>
public readonly record struct DhcpMessage(
    bool IsReply,
    uint TransactionId,
    MacAddress ClientMac,
    DhcpMessageType Type,
    uint ClientIp = 0,
    uint YourIp = 0,
    uint ServerIp = 0,
    ushort Seconds = 0,
    bool Broadcast = false,
    uint SubnetMask = 0,
    uint Router = 0,
    uint[]? DnsServers = null,
    uint LeaseSeconds = 0,
    uint RenewalSeconds = 0,
    uint RebindingSeconds = 0,
    uint ServerIdentifier = 0,
    uint RequestedIp = 0,
    DhcpOption[]? Options = null,
    byte[]? ParameterRequests = null)
{
    /// <summary>
    /// What a client asks for by default (option 55): subnet mask, router, DNS servers, lease time, T1, T2.
    /// </summary>
    public static ReadOnlySpan<byte> DefaultRequests => [SubnetMaskOption, RouterOption, DnsOption, LeaseOption, RenewalOption, RebindingOption];

    /// <summary>At most this many option codes are asked for (option 55 holds one byte of length).</summary>
    public const int MaxParameterRequests = 64;

    /// <summary>The fixed part and the magic cookie.</summary>
    public const int FixedLength = 240;

    /// <summary>The server's and the client's UDP ports.</summary>
    public const int ServerPort = 67, ClientPort = 68;

    /// <summary>At most this many DNS servers are kept.</summary>
    public const int MaxDnsServers = 8;

    private const uint MagicCookie = 0x63825363;
    private const int OpOffset = 0, HtypeOffset = 1, HlenOffset = 2, XidOffset = 4, SecsOffset = 8, FlagsOffset = 10,
        CiaddrOffset = 12, YiaddrOffset = 16, SiaddrOffset = 20, ChaddrOffset = 28, CookieOffset = 236;

    private const byte Pad = 0, SubnetMaskOption = 1, RouterOption = 3, DnsOption = 6, RequestedIpOption = 50, LeaseOption = 51,
        MessageTypeOption = 53, ServerIdOption = 54, ParameterListOption = 55, RenewalOption = 58, RebindingOption = 59, End = 255;

    /// <summary>Reads a message; false when it is not an Ethernet DHCP message or its options run past the end.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out DhcpMessage message)
    {
        message = default;
        if (data.Length < FixedLength || data[OpOffset] is not (1 or 2) || data[HtypeOffset] != 1 || data[HlenOffset] != 6
            || BinaryPrimitives.ReadUInt32BigEndian(data[CookieOffset..]) != MagicCookie)
        {
            return false;
        }
        DhcpMessageType type = DhcpMessageType.None;
        uint mask = 0, router = 0, lease = 0, renewal = 0, rebinding = 0, serverId = 0, requested = 0;
        uint[]? dns = null;
        byte[]? requests = null;
        var all = new List<DhcpOption>();
        var options = data[FixedLength..];
        var ended = false;
        while (!options.IsEmpty && !ended)
        {
            var code = options[0];
            if (code == Pad)
            {
                options = options[1..];
                continue;
            }
            if (code == End)
            {
                ended = true;
                continue;
            }
            if (options.Length < 2 || options.Length < 2 + options[1])
            {
                return false;
            }
            var value = options.Slice(2, options[1]);
            options = options[(2 + value.Length)..];
            all.Add(new DhcpOption(code, value.ToArray()));
            switch (code)
            {
                case MessageTypeOption when value.Length == 1 && value[0] is >= 1 and <= 8:
                    type = (DhcpMessageType)value[0];
                    break;
                case SubnetMaskOption when value.Length == 4:
                    mask = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case RouterOption when value.Length >= 4 && value.Length % 4 == 0:
                    router = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case DnsOption when value.Length >= 4 && value.Length % 4 == 0:
                    dns = new uint[Math.Min(value.Length / 4, MaxDnsServers)];
                    for (var i = 0; i < dns.Length; i++)
                    {
                        dns[i] = BinaryPrimitives.ReadUInt32BigEndian(value[(i * 4)..]);
                    }
                    break;
                case LeaseOption when value.Length == 4:
                    lease = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case RenewalOption when value.Length == 4:
                    renewal = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case RebindingOption when value.Length == 4:
                    rebinding = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case ServerIdOption when value.Length == 4:
                    serverId = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case RequestedIpOption when value.Length == 4:
                    requested = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case ParameterListOption:
                    requests = value.ToArray();
                    break;
                default:
                    break; // an option we do not use, or a malformed one we ignore
            }
        }
        message = new DhcpMessage(
            data[OpOffset] == 2,
            BinaryPrimitives.ReadUInt32BigEndian(data[XidOffset..]),
            MacAddress.Read(data[ChaddrOffset..]),
            type,
            BinaryPrimitives.ReadUInt32BigEndian(data[CiaddrOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[YiaddrOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[SiaddrOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[SecsOffset..]),
            (BinaryPrimitives.ReadUInt16BigEndian(data[FlagsOffset..]) & 0x8000) != 0,
            mask, router, dns, lease, renewal, rebinding, serverId, requested, [.. all], requests);
        return true;
    }

    /// <summary>An upper bound of the encoded length.</summary>
    public int MaxLength => FixedLength + 64 + (4 * MaxDnsServers) + MaxParameterRequests;

    /// <summary>Writes the message into <paramref name="data"/> and returns its length (0 when too small).</summary>
    public int Write(Span<byte> data)
    {
        if (data.Length < MaxLength)
        {
            return 0;
        }
        data[..FixedLength].Clear();
        data[OpOffset] = (byte)(IsReply ? 2 : 1);
        data[HtypeOffset] = 1;
        data[HlenOffset] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(data[XidOffset..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(data[SecsOffset..], Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(data[FlagsOffset..], (ushort)(Broadcast ? 0x8000 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(data[CiaddrOffset..], ClientIp);
        BinaryPrimitives.WriteUInt32BigEndian(data[YiaddrOffset..], YourIp);
        BinaryPrimitives.WriteUInt32BigEndian(data[SiaddrOffset..], ServerIp);
        ClientMac.Write(data[ChaddrOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[CookieOffset..], MagicCookie);
        var at = FixedLength;
        if (Type != DhcpMessageType.None)
        {
            data[at++] = MessageTypeOption;
            data[at++] = 1;
            data[at++] = (byte)Type;
        }
        at = FourBytes(data, at, SubnetMaskOption, SubnetMask);
        at = FourBytes(data, at, RouterOption, Router);
        at = FourBytes(data, at, RequestedIpOption, RequestedIp);
        at = FourBytes(data, at, ServerIdOption, ServerIdentifier);
        at = FourBytes(data, at, LeaseOption, LeaseSeconds);
        at = FourBytes(data, at, RenewalOption, RenewalSeconds);
        at = FourBytes(data, at, RebindingOption, RebindingSeconds);
        if (DnsServers is { Length: > 0 } servers)
        {
            var count = Math.Min(servers.Length, MaxDnsServers);
            data[at++] = DnsOption;
            data[at++] = (byte)(4 * count);
            for (var i = 0; i < count; i++, at += 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data[at..], servers[i]);
            }
        }
        if (!IsReply)
        {
            ReadOnlySpan<byte> wanted = ParameterRequests is { } asked ? asked.AsSpan(0, Math.Min(asked.Length, MaxParameterRequests)) : DefaultRequests;
            data[at++] = ParameterListOption;
            data[at++] = (byte)wanted.Length;
            wanted.CopyTo(data[at..]);
            at += wanted.Length;
        }
        data[at++] = End;
        // Pad to BOOTP's 300 bytes: some servers and relays drop shorter messages.
        var length = Math.Max(at, 300);
        data[at..length].Clear();
        return length;
    }

    private static int FourBytes(Span<byte> data, int at, byte code, uint value)
    {
        if (value == 0)
        {
            return at;
        }
        data[at] = code;
        data[at + 1] = 4;
        BinaryPrimitives.WriteUInt32BigEndian(data[(at + 2)..], value);
        return at + 6;
    }
}
