using System.Runtime.InteropServices;
using System.Text;
using Mirage.Runtime.Network;
using static Mirage.Runtime.Tcpip.Netif.LinuxInterop;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>Why a host network interface could not be opened; <see cref="Exception.Message"/> names it and the cause.</summary>
public sealed class NetifOpenException(string message) : Exception(message);

/// <summary>
/// Opens host network interfaces: a TAP device (upstream's mirage-net-unix) or an AF_PACKET socket on an
/// existing interface (a veth end, a microVM's NIC).
/// </summary>
public static class LinuxNetifs
{
    /// <summary>
    /// Attaches to TAP device <paramref name="name"/> (<c>--interface</c>, tap0 by default), creating it if it does
    /// not exist and we may, with <c>IFF_TAP | IFF_NO_PI</c>. Our Ethernet address is <paramref name="mac"/>, or a
    /// random locally administered one (the kernel's side of the TAP keeps its own).
    /// </summary>
    public static unsafe FdNetif OpenTap(string name, MacAddress? mac = null, int mtu = 1500)
    {
        CheckName(name);
        var fd = Open("/dev/net/tun", ORdWr | ONonBlock | OCloExec);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new NetifOpenException($"cannot open /dev/net/tun for interface '{name}': {Describe(error)}");
        }
        var request = default(IfReq);
        Encoding.ASCII.GetBytes(name, new Span<byte>(request.Name, IfNameSize - 1));
        request.Flags = IffTap | IffNoPi;
        if (Ioctl(fd, TunSetIff, &request) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _ = Close(fd);
            throw new NetifOpenException($"cannot attach to TAP interface '{name}': {Describe(error)}");
        }
        return new FdNetif(fd, name, mac ?? RandomMac(), mtu);
    }

    /// <summary>Opens a raw AF_PACKET socket on existing interface <paramref name="name"/>, seeing every frame it carries.</summary>
    public static unsafe FdNetif OpenPacket(string name, MacAddress? mac = null, int mtu = 1500)
    {
        CheckName(name);
        var index = IfNameToIndex(name);
        if (index == 0)
        {
            throw new NetifOpenException($"no network interface '{name}'");
        }
        var protocol = (ushort)((EthPAll << 8) | (EthPAll >> 8)); // htons
        var fd = Socket(AfPacket, SockRaw | SockNonBlock | SockCloExec, protocol);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new NetifOpenException($"cannot open a packet socket for interface '{name}': {Describe(error)}");
        }
        var address = new SockAddrLl { Family = AfPacket, Protocol = protocol, IfIndex = (int)index };
        var one = 1;
        if (Bind(fd, &address, sizeof(SockAddrLl)) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _ = Close(fd);
            throw new NetifOpenException($"cannot bind a packet socket to interface '{name}': {Describe(error)}");
        }
        // Our own transmissions would otherwise come back to us.
        _ = SetSockOpt(fd, SolPacket, PacketIgnoreOutgoing, &one, sizeof(int));
        return new FdNetif(fd, name, mac ?? RandomMac(), mtu);
    }

    private static void CheckName(string name)
    {
        if (name.Length is 0 or >= IfNameSize || !Ascii.IsValid(name) || name.Contains('/') || name.Contains('\0'))
        {
            throw new NetifOpenException($"invalid interface name '{name}': 1 to 15 ASCII characters expected");
        }
    }

    private static MacAddress RandomMac()
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return MacAddress.LocalFrom(BitConverter.ToUInt64(bytes) & 0xFEFF_FFFF_FFFFUL);
    }
}
