using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Ipv6;

/// <summary>The address arithmetic of IPv6 over Ethernet (RFC 4291, RFC 2464).</summary>
public static class Ipv6Addressing
{
    /// <summary>ff02::1, every node on the link.</summary>
    public static readonly UInt128 AllNodes = new(0xFF02_0000_0000_0000UL, 1);

    /// <summary>ff02::2, every router on the link.</summary>
    public static readonly UInt128 AllRouters = new(0xFF02_0000_0000_0000UL, 2);

    private static readonly UInt128 SolicitedNodePrefix = new(0xFF02_0000_0000_0000UL, 0x0000_0001_FF00_0000UL);

    /// <summary>The modified EUI-64 interface identifier of <paramref name="mac"/> (RFC 4291 appendix A).</summary>
    public static ulong InterfaceId(MacAddress mac)
    {
        var v = mac.Value ^ 0x0200_0000_0000UL;
        return ((v >> 24) << 40) | (0xFFFEUL << 24) | (v & 0xFF_FFFF);
    }

    /// <summary>fe80::/64 with our interface identifier.</summary>
    public static UInt128 LinkLocal(MacAddress mac) => new(0xFE80_0000_0000_0000UL, InterfaceId(mac));

    /// <summary>The solicited-node multicast group of <paramref name="address"/> (ff02::1:ffXX:XXXX).</summary>
    public static UInt128 SolicitedNode(UInt128 address) => SolicitedNodePrefix | (address & 0xFF_FFFF);

    /// <summary>Whether <paramref name="address"/> is multicast (ff00::/8).</summary>
    public static bool IsMulticast(UInt128 address) => (byte)(address >> 120) == 0xFF;

    /// <summary>Whether <paramref name="address"/> is link-local unicast (fe80::/10).</summary>
    public static bool IsLinkLocal(UInt128 address) => (ushort)(address >> 118) == (0xFE80 >> 6);

    /// <summary>The Ethernet group address of multicast <paramref name="address"/> (33:33 and its last 32 bits).</summary>
    public static MacAddress MulticastMac(UInt128 address) => MacAddress.FromValue(0x3333_0000_0000UL | (ulong)(uint)address);
}
