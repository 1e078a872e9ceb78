using System.Buffers.Binary;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>ARP operations (RFC 826).</summary>
public enum ArpOperation : ushort
{
    /// <summary>Who has the target address?</summary>
    Request = 1,

    /// <summary>The sender has it.</summary>
    Reply = 2,
}

/// <summary>An ARP packet for IPv4 over Ethernet (RFC 826); addresses are IPv4 numbers, first octet highest.</summary>
public readonly record struct ArpPacket(ArpOperation Operation, MacAddress SenderMac, uint SenderIp, MacAddress TargetMac, uint TargetIp)
{
    /// <summary>The packet's length.</summary>
    public const int Length = 28;

    private const ushort HardwareEthernet = 1;
    private const int HardwareTypeOffset = 0, ProtocolTypeOffset = 2, HardwareLengthOffset = 4, ProtocolLengthOffset = 5,
        OperationOffset = 6, SenderMacOffset = 8, SenderIpOffset = 14, TargetMacOffset = 18, TargetIpOffset = 24;

    /// <summary>Reads an ARP packet; false for anything but Ethernet/IPv4 requests and replies.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ArpPacket packet)
    {
        packet = default;
        if (data.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(data[HardwareTypeOffset..]) != HardwareEthernet
            || BinaryPrimitives.ReadUInt16BigEndian(data[ProtocolTypeOffset..]) != EtherTypes.Ipv4
            || data[HardwareLengthOffset] != 6
            || data[ProtocolLengthOffset] != 4)
        {
            return false;
        }
        var operation = (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(data[OperationOffset..]);
        if (operation is not (ArpOperation.Request or ArpOperation.Reply))
        {
            return false;
        }
        packet = new ArpPacket(
            operation,
            MacAddress.Read(data[SenderMacOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[SenderIpOffset..]),
            MacAddress.Read(data[TargetMacOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[TargetIpOffset..]));
        return true;
    }

    /// <summary>Writes the packet at the start of <paramref name="data"/>.</summary>
    public bool TryWrite(Span<byte> data)
    {
        if (data.Length < Length)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(data[HardwareTypeOffset..], HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(data[ProtocolTypeOffset..], EtherTypes.Ipv4);
        data[HardwareLengthOffset] = 6;
        data[ProtocolLengthOffset] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(data[OperationOffset..], (ushort)Operation);
        SenderMac.Write(data[SenderMacOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[SenderIpOffset..], SenderIp);
        TargetMac.Write(data[TargetMacOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[TargetIpOffset..], TargetIp);
        return true;
    }
}
