using System.Buffers.Binary;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>Neighbour discovery option types (RFC 4861 §4.6).</summary>
public static class NdpOptionTypes
{
    /// <summary>Link-layer addresses, prefix information, MTU.</summary>
    public const byte SourceLinkAddress = 1, TargetLinkAddress = 2, PrefixInformation = 3, Mtu = 5;
}

/// <summary>One prefix information option (RFC 4861 §4.6.2).</summary>
public readonly record struct NdpPrefix(int PrefixLength, bool OnLink, bool Autonomous, uint ValidLifetime, uint PreferredLifetime, UInt128 Prefix)
{
    /// <summary>The option's length in bytes (4 units of 8).</summary>
    public const int Length = 32;

    /// <summary>Reads the option's body (its data after type and length).</summary>
    public static bool TryParse(ReadOnlySpan<byte> option, out NdpPrefix prefix)
    {
        prefix = default;
        if (option.Length != Length || option[2] > 128)
        {
            return false;
        }
        prefix = new NdpPrefix(
            option[2], (option[3] & 0x80) != 0, (option[3] & 0x40) != 0,
            BinaryPrimitives.ReadUInt32BigEndian(option[4..]), BinaryPrimitives.ReadUInt32BigEndian(option[8..]),
            BinaryPrimitives.ReadUInt128BigEndian(option[16..]));
        return true;
    }

    /// <summary>Writes the whole option (type, length and body).</summary>
    public bool TryWrite(Span<byte> option)
    {
        if (option.Length < Length)
        {
            return false;
        }
        option[..Length].Clear();
        option[0] = NdpOptionTypes.PrefixInformation;
        option[1] = Length / 8;
        option[2] = (byte)PrefixLength;
        option[3] = (byte)((OnLink ? 0x80 : 0) | (Autonomous ? 0x40 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(option[4..], ValidLifetime);
        BinaryPrimitives.WriteUInt32BigEndian(option[8..], PreferredLifetime);
        BinaryPrimitives.WriteUInt128BigEndian(option[16..], Prefix);
        return true;
    }
}

/// <summary>
/// Reads the options that follow an NDP message's fixed part: each is (type, length in 8-byte units, data).
/// A zero length or one past the end makes the whole message invalid (RFC 4861 §4.6).
/// </summary>
public ref struct NdpOptionReader
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Reads <paramref name="options"/>.</summary>
    public NdpOptionReader(ReadOnlySpan<byte> options) => _rest = options;

    /// <summary>The current option's type.</summary>
    public byte Type { get; private set; }

    /// <summary>The current option, whole (type and length included).</summary>
    public ReadOnlySpan<byte> Option { get; private set; }

    /// <summary>Whether an option was malformed (then <see cref="MoveNext"/> returned false early).</summary>
    public bool Malformed { get; private set; }

    /// <summary>Moves to the next option.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty)
        {
            return false;
        }
        if (_rest.Length < 2 || _rest[1] == 0 || _rest[1] * 8 > _rest.Length)
        {
            Malformed = true;
            return false;
        }
        var length = _rest[1] * 8;
        Type = _rest[0];
        Option = _rest[..length];
        _rest = _rest[length..];
        return true;
    }

    /// <summary>Checks every option is well formed and finds the link-layer address option of <paramref name="type"/>.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> options, byte type, out MacAddress? linkAddress)
    {
        linkAddress = null;
        var reader = new NdpOptionReader(options);
        while (reader.MoveNext())
        {
            if (reader.Type == type && reader.Option.Length == 8)
            {
                linkAddress = MacAddress.Read(reader.Option[2..]);
            }
        }
        return !reader.Malformed;
    }

    /// <summary>Writes a link-layer address option (8 bytes).</summary>
    public static void WriteLinkAddress(Span<byte> option, byte type, MacAddress address)
    {
        option[0] = type;
        option[1] = 1;
        address.Write(option[2..]);
    }
}

/// <summary>
/// The fixed parts of the NDP messages after the ICMPv6 header (RFC 4861 §4): solicitations and
/// advertisements of neighbours carry a 16-byte target; router advertisements their parameters.
/// </summary>
public static class NdpMessage
{
    /// <summary>Where a neighbour message's options start (after the ICMPv6 header and the target).</summary>
    public const int NeighborOptionsOffset = IcmpHeader.Length + 16;

    /// <summary>Where a router advertisement's options start.</summary>
    public const int RouterAdvertisementOptionsOffset = IcmpHeader.Length + 8;

    /// <summary>Where a router solicitation's options start.</summary>
    public const int RouterSolicitationOptionsOffset = IcmpHeader.Length;

    /// <summary>Neighbour advertisement flags (in <see cref="IcmpHeader.Rest"/>).</summary>
    public const uint RouterFlag = 0x8000_0000, SolicitedFlag = 0x4000_0000, OverrideFlag = 0x2000_0000;

    /// <summary>The target of a neighbour solicitation or advertisement.</summary>
    public static UInt128 ReadTarget(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt128BigEndian(message[IcmpHeader.Length..]);

    /// <summary>Writes the target of a neighbour solicitation or advertisement.</summary>
    public static void WriteTarget(Span<byte> message, UInt128 target) => BinaryPrimitives.WriteUInt128BigEndian(message[IcmpHeader.Length..], target);

    /// <summary>A router advertisement's router lifetime in seconds (in <see cref="IcmpHeader.Rest"/>).</summary>
    public static ushort RouterLifetime(uint rest) => (ushort)rest;
}
