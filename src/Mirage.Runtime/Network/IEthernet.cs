namespace Mirage.Runtime.Network;

/// <summary>The Ethernet types the stack speaks.</summary>
public static class EtherTypes
{
    /// <summary>IPv4.</summary>
    public const ushort Ipv4 = 0x0800;

    /// <summary>ARP.</summary>
    public const ushort Arp = 0x0806;

    /// <summary>IPv6.</summary>
    public const ushort Ipv6 = 0x86DD;
}

/// <summary>Handles the payload of one received Ethernet frame, lent until the task completes.</summary>
public delegate ValueTask EthernetHandler(MacAddress source, MacAddress destination, ReadOnlyMemory<byte> payload);

/// <summary>Ethernet II over a network interface (upstream's <c>Ethernet.S</c>).</summary>
public interface IEthernet
{
    /// <summary>Our Ethernet address.</summary>
    MacAddress Mac { get; }

    /// <summary>The largest payload of a frame.</summary>
    int Mtu { get; }

    /// <summary>
    /// Sends a frame of type <paramref name="etherType"/> to <paramref name="destination"/> whose payload
    /// (at most <paramref name="payloadSize"/> bytes) <paramref name="fill"/> writes. Null on success.
    /// </summary>
    NetifError? Write<TState>(MacAddress destination, ushort etherType, int payloadSize, TState state, SpanWriter<TState> fill);

    /// <summary>Routes received frames of type <paramref name="etherType"/> to <paramref name="handler"/>.</summary>
    void Listen(ushort etherType, EthernetHandler handler);

    /// <summary>Parses one received frame and hands its payload to the listener of its type (upstream's <c>input</c>).</summary>
    ValueTask InputAsync(ReadOnlyMemory<byte> frame);
}
