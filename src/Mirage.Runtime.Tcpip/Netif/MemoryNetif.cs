using System.Buffers;
using System.Threading.Channels;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// One port of a <see cref="MemorySwitch"/>. Received frames wait in a bounded queue (1,024 frames; more are
/// dropped and counted, as a NIC's ring overflows).
/// </summary>
public sealed class MemoryNetif : INetif, IBatchingNetif
{
    private static readonly LogSource Log = new("netif-memory");
    private const int QueueLength = 1024;

    private readonly MemorySwitch _switch;
    private readonly Channel<(byte[] Buffer, int Length)> _received =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool _disconnected;

    internal MemoryNetif(MemorySwitch owner, MacAddress mac, int mtu)
    {
        _switch = owner;
        Mac = mac;
        _name = mac.ToString();
        Mtu = mtu;
    }

    /// <inheritdoc />
    public MacAddress Mac { get; }

    // The name its log lines give it, made once rather than for every frame.
    private readonly string _name;

    /// <inheritdoc />
    public int Mtu { get; }

    /// <inheritdoc />
    public NetifStats Stats { get; } = new();

    /// <inheritdoc />
    public NetifError? Write<TState>(int size, TState state, SpanWriter<TState> fill)
    {
        if (_disconnected)
        {
            return NetifError.Disconnected;
        }
        if (size > Mtu + 14)
        {
            Stats.DroppedOutgoing();
            return NetifError.TooLarge;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var kept = false;
        try
        {
            var length = fill(buffer.AsSpan(0, size), state);
            Stats.Sent(length);
            kept = _switch.Forward(this, buffer, length);
            return null;
        }
        finally
        {
            if (!kept)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    internal void Enqueue(byte[] buffer, int length)
    {
        if (_disconnected || !_received.Writer.TryWrite((buffer, length)))
        {
            Stats.DroppedIncoming();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public Task ListenAsync(FrameHandler handler, CancellationToken cancellationToken = default) => ListenAsync(handler, null, cancellationToken);

    /// <inheritdoc />
    Task IBatchingNetif.ListenAsync(FrameHandler handler, Action batchEnd, CancellationToken cancellationToken) =>
        ListenAsync(handler, batchEnd, cancellationToken);

    private async Task ListenAsync(FrameHandler handler, Action? batchEnd, CancellationToken cancellationToken)
    {
        var reader = _received.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Every frame queued is one batch (up to its bound); a handler that waits ends it before the await.
                var batch = new FrameBatch(batchEnd, Log, _name);
                try
                {
                    while (reader.TryRead(out var frame))
                    {
                        batch.Begin();
                        var delivery = FrameDelivery.DeliverAsync(Stats, handler, frame.Buffer.AsMemory(0, frame.Length), Log, _name);
                        if (!delivery.IsCompletedSuccessfully)
                        {
                            batch.End();
                            await delivery.ConfigureAwait(false);
                        }
                        ArrayPool<byte>.Shared.Return(frame.Buffer);
                        batch.Counted();
                    }
                }
                finally
                {
                    batch.End();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public ValueTask DisconnectAsync()
    {
        _disconnected = true;
        _switch.Remove(this);
        _received.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
