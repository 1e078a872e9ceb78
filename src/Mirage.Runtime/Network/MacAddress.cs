using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mirage.Runtime.Network;

/// <summary>A 48-bit Ethernet address (upstream's <c>Macaddr.t</c>), held in a value so frames allocate none.</summary>
public readonly record struct MacAddress
{
    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static readonly MacAddress Broadcast = new(0xFFFF_FFFF_FFFFUL);

    /// <summary>00:00:00:00:00:00 (an ARP request's unknown target).</summary>
    public static readonly MacAddress Zero = new(0);

    /// <summary>The address as a 48-bit number, first octet highest.</summary>
    public ulong Value => _value;

    /// <summary>Whether the group bit (multicast or broadcast) is set.</summary>
    public bool IsGroup => (_value >> 40 & 1) == 1;

    /// <summary>Reads six octets.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> six) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(six) << 32) | BinaryPrimitives.ReadUInt32BigEndian(six[2..]));

    /// <summary>Writes six octets.</summary>
    public void Write(Span<byte> six)
    {
        BinaryPrimitives.WriteUInt16BigEndian(six, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(six[2..], (uint)_value);
    }

    /// <summary>From a 48-bit number.</summary>
    public static MacAddress FromValue(ulong value) => new(value);

    /// <summary>A locally administered unicast address made from <paramref name="seed"/> (02:xx:...).</summary>
    public static MacAddress LocalFrom(ulong seed) => new((seed & 0x00FF_FFFF_FFFFUL) | 0x0200_0000_0000UL);

    /// <summary>The multicast address of IPv6 group <paramref name="lastFour"/> (33:33:xx:xx:xx:xx).</summary>
    public static MacAddress Ipv6Multicast(ReadOnlySpan<byte> lastFour) =>
        new(0x3333_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(lastFour));

    /// <summary>Reads <c>aa:bb:cc:dd:ee:ff</c> (or with dashes).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MacAddress? address)
    {
        address = null;
        var parts = text.Split(':', '-');
        if (parts.Length != 6)
        {
            return false;
        }
        ulong value = 0;
        foreach (var part in parts)
        {
            if (part.Length != 2 || !byte.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }
            value = (value << 8) | b;
        }
        address = new MacAddress(value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        Write(b);
        return $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}";
    }
}
