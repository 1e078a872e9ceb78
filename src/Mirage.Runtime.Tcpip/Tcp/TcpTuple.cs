using System.Net;
using Mirage.Runtime.Tcpip.Common;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// A connection's addresses and ports; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d) so both families
/// share one value type and one table.
/// </summary>
public readonly record struct TcpTuple(UInt128 LocalAddress, ushort LocalPort, UInt128 RemoteAddress, ushort RemotePort)
{
    private static readonly UInt128 MappedPrefix = new(0, 0xFFFF_0000_0000UL);

    /// <summary>Whether the addresses are IPv4.</summary>
    public bool IsV4 => LocalAddress >> 32 == MappedPrefix >> 32;

    /// <summary>An IPv4 address as stored here.</summary>
    public static UInt128 FromV4(uint address) => MappedPrefix | address;

    /// <summary>An address as stored here.</summary>
    public static UInt128 From(IPAddress address) =>
        Addresses.V6(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>An address stored here, as an <see cref="IPAddress"/>.</summary>
    public static IPAddress ToAddress(UInt128 address) =>
        address >> 32 == MappedPrefix >> 32 ? Addresses.FromV4((uint)address) : Addresses.FromV6(address);

    /// <summary>The local end.</summary>
    public IPEndPoint Local => new(ToAddress(LocalAddress), LocalPort);

    /// <summary>The remote end.</summary>
    public IPEndPoint Remote => new(ToAddress(RemoteAddress), RemotePort);

    /// <inheritdoc />
    public override string ToString() => $"{Local} <-> {Remote}";
}
