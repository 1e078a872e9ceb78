using System.Buffers;
using System.Runtime.InteropServices;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using static Mirage.Runtime.Tcpip.Netif.LinuxInterop;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// A network interface over a non-blocking Linux file descriptor that carries one Ethernet frame per
/// read and write (a TAP device or an AF_PACKET socket). The receive loop, on a thread of its own, waits in
/// <c>poll</c> and then drains every frame ready (a batch per wake-up) before waiting again; a write is one system call.
/// </summary>
public sealed class FdNetif : INetif, IBatchingNetif
{
    private static readonly LogSource Log = new("netif");
    private const int PollMs = 100;

    private readonly int _fd;
    private readonly string _name;
    private volatile bool _disconnected;
    private int _closed;

    internal FdNetif(int fd, string name, MacAddress mac, int mtu)
    {
        _fd = fd;
        _name = name;
        Mac = mac;
        Mtu = mtu;
    }

    /// <summary>The host interface's name (tap0, veth1).</summary>
    public string Name => _name;

    /// <inheritdoc />
    public MacAddress Mac { get; }

    /// <inheritdoc />
    public int Mtu { get; }

    /// <inheritdoc />
    public NetifStats Stats { get; } = new();

    /// <inheritdoc />
    public unsafe NetifError? Write<TState>(int size, TState state, SpanWriter<TState> fill)
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
        try
        {
            var length = fill(buffer.AsSpan(0, size), state);
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    var written = LinuxInterop.Write(_fd, p, (nuint)length);
                    if (written >= 0)
                    {
                        Stats.Sent(length);
                        return null;
                    }
                    var error = Marshal.GetLastPInvokeError();
                    if (error == EIntr)
                    {
                        continue;
                    }
                    // EAGAIN: the device queue is full; the frame is lost as on a congested link.
                    Stats.DroppedOutgoing();
                    return NetifError.Failed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public Task ListenAsync(FrameHandler handler, CancellationToken cancellationToken = default) => Listen(handler, null, cancellationToken);

    /// <inheritdoc />
    Task IBatchingNetif.ListenAsync(FrameHandler handler, Action batchEnd, CancellationToken cancellationToken) =>
        Listen(handler, batchEnd, cancellationToken);

    /// <summary>
    /// Runs the receive loop on a thread of its own: it blocks in <c>poll</c>, so it holds no thread-pool thread while
    /// it waits and needs none to wake up (a busy pool would otherwise delay every batch).
    /// </summary>
    private Task Listen(FrameHandler handler, Action? batchEnd, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Receive(handler, batchEnd, cancellationToken);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netif {_name}",
        };
        thread.Start();
        return done.Task;
    }

    private void Receive(FrameHandler handler, Action? batchEnd, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Mtu + 14 + 4); // room for a VLAN tag
        try
        {
            while (!_disconnected && !cancellationToken.IsCancellationRequested)
            {
                if (!WaitReadable())
                {
                    continue;
                }
                var batch = new FrameBatch(batchEnd, Log, _name);
                try
                {
                    while (!_disconnected && TryRead(buffer, out var length))
                    {
                        batch.Begin();
                        var delivery = FrameDelivery.DeliverAsync(Stats, handler, buffer.AsMemory(0, length), Log, _name);
                        if (!delivery.IsCompletedSuccessfully)
                        {
                            // The layer above waits: end the batch first, then wait here (the thread is ours).
                            batch.End();
                            delivery.AsTask().GetAwaiter().GetResult();
                        }
                        batch.Counted();
                    }
                }
                finally
                {
                    batch.End();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private unsafe bool WaitReadable()
    {
        var fds = new PollFd { Fd = _fd, Events = PollIn };
        return Poll(&fds, 1, PollMs) > 0 && (fds.Revents & PollIn) != 0;
    }

    private unsafe bool TryRead(byte[] buffer, out int length)
    {
        fixed (byte* p = buffer)
        {
            var read = LinuxInterop.Read(_fd, p, (nuint)buffer.Length);
            length = (int)Math.Max(read, 0);
            return read > 0;
        }
    }

    /// <inheritdoc />
    public ValueTask DisconnectAsync()
    {
        _disconnected = true;
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // Let a poll in progress time out first, so the descriptor is not reused under it.
            Thread.Sleep(PollMs + 20);
            _ = Close(_fd);
        }
        return ValueTask.CompletedTask;
    }
}
