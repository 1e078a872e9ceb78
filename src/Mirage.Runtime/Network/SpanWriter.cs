namespace Mirage.Runtime.Network;

/// <summary>
/// Fills <paramref name="buffer"/> (a frame or packet being built in place) from <paramref name="state"/> and
/// returns how many bytes it wrote. The state parameter lets callers pass what they write without a closure,
/// so a send allocates nothing (upstream's <c>write ~size fill</c>).
/// </summary>
public delegate int SpanWriter<in TState>(Span<byte> buffer, TState state);

/// <summary>Handles one received frame or packet, lent until the returned task completes.</summary>
public delegate ValueTask FrameHandler(ReadOnlyMemory<byte> frame);
