namespace Mirage.Runtime.Network;

/// <summary>Why a frame was not sent.</summary>
public enum NetifError
{
    /// <summary>The frame is larger than the interface's MTU plus the Ethernet header.</summary>
    TooLarge,

    /// <summary>The interface is disconnected.</summary>
    Disconnected,

    /// <summary>The device refused the frame (an I/O error).</summary>
    Failed,

    /// <summary>No link-layer address for the destination (ARP or neighbour discovery gave up).</summary>
    Unresolved,
}

/// <summary>
/// A network interface carrying Ethernet frames (upstream's <c>Mirage_net.S</c>): a TAP device, a raw
/// socket on a host interface, or a port of the in-memory switch.
/// </summary>
public interface INetif
{
    /// <summary>The interface's Ethernet address.</summary>
    MacAddress Mac { get; }

    /// <summary>The largest Ethernet payload (1500 on most links): a frame is at most this plus 14 bytes.</summary>
    int Mtu { get; }

    /// <summary>What went in and out.</summary>
    NetifStats Stats { get; }

    /// <summary>
    /// Sends one frame of at most <paramref name="size"/> bytes, built in place by <paramref name="fill"/>
    /// (which returns the frame's real length). Null on success.
    /// </summary>
    NetifError? Write<TState>(int size, TState state, SpanWriter<TState> fill);

    /// <summary>
    /// Hands each received frame to <paramref name="handler"/>, one at a time, until the interface is
    /// disconnected or <paramref name="cancellationToken"/> fires. An exception of the handler is logged
    /// and the loop goes on.
    /// </summary>
    Task ListenAsync(FrameHandler handler, CancellationToken cancellationToken = default);

    /// <summary>Stops listening and releases the device.</summary>
    ValueTask DisconnectAsync();
}
