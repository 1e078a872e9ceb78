using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>Conversions between <see cref="IPAddress"/> and the numbers the codecs use, without allocating on the read side.</summary>
public static class Addresses
{
    /// <summary>An IPv4 address as a number, first octet highest.</summary>
    public static uint V4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var n) && n == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : 0;
    }

    /// <summary>An IPv6 address as a number, first octet highest (IPv4 addresses are mapped, ::ffff:a.b.c.d).</summary>
    public static UInt128 V6(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return new UInt128(0, 0xFFFF_0000_0000UL | V4(address));
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>An <see cref="IPAddress"/> of an IPv4 number.</summary>
    public static IPAddress FromV4(uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    /// <summary>An <see cref="IPAddress"/> of an IPv6 number.</summary>
    public static IPAddress FromV6(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    /// <summary>The IPv4 netmask of a prefix length.</summary>
    public static uint MaskV4(int length) => length == 0 ? 0 : uint.MaxValue << (32 - length);

    /// <summary>The IPv6 netmask of a prefix length.</summary>
    public static UInt128 MaskV6(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
}
