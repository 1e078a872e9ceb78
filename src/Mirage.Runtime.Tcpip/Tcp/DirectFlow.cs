using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Netif;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// A connection of our TCP as an <see cref="ITcpFlow"/> (the same <see cref="PipeFlow"/> shape as the socket stack's):
/// received bytes move from the connection's buffer into the input pipe as the application makes room (so the
/// receive window follows the reader), and a loop moves the output pipe into the send buffer as ACKs free it.
/// </summary>
internal sealed class DirectFlow : PipeFlow
{
    /// <summary>How much received data waits in the input pipe before the connection's own buffer fills.</summary>
    private const long PipeThreshold = 64 * 1024;

    private const int PumpChunk = (int)PipeThreshold / 4;

    private readonly TcpLayer _tcp;
    private readonly TcpConnection _connection;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly TaskCompletionSource<TcpError?> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _writable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _parked, _pumpDue;
    private Task _sending = Task.CompletedTask;
    private bool _flushing, _inputDone, _closeRequested, _sendDone = true;
    private TcpSignal? _failure;

    public DirectFlow(TcpLayer tcp, TcpConnection connection)
        : this(tcp, connection, NewPipe(), NewPipe())
    {
    }

    private DirectFlow(TcpLayer tcp, TcpConnection connection, Pipe input, Pipe output)
        : base(input.Reader, output.Writer)
    {
        _tcp = tcp;
        _connection = connection;
        _input = input;
        _output = output;
        Source = connection.Tuple.Local;
        Destination = connection.Tuple.Remote;
    }

    private static Pipe NewPipe() =>
        new(new PipeOptions(pauseWriterThreshold: PipeThreshold, resumeWriterThreshold: PipeThreshold / 2, useSynchronizationContext: false));

    /// <inheritdoc />
    public override IPEndPoint Source { get; }

    /// <inheritdoc />
    public override IPEndPoint Destination { get; }

    /// <summary>Completes when the handshake ends: null when open, or why it failed.</summary>
    public Task<TcpError?> Opened => _opened.Task;

    /// <summary>Resets the connection (under the lock).</summary>
    public void Abort(long now) => _connection.Abort(now);

    /// <summary>A signal of the connection (under the layer's lock: nothing here blocks).</summary>
    public void OnSignal(TcpSignal signal)
    {
        switch (signal)
        {
            case TcpSignal.Established:
                _opened.TrySetResult(null);
                _sendDone = false;
                _sending = Task.Run(SendLoopAsync);
                break;
            case TcpSignal.Readable or TcpSignal.PeerFinished when FrameBatch.IsOpen:
                // More segments may follow in the same batch: hand the bytes over once, at its end.
                if (!_pumpDue)
                {
                    _pumpDue = true;
                    _tcp.AtBatchEnd(this);
                }
                break;
            case TcpSignal.Readable or TcpSignal.PeerFinished:
                Pump();
                break;
            case TcpSignal.Writable:
                TopUp();
                break;
            case TcpSignal.Reset or TcpSignal.TimedOut:
                _failure = signal;
                _opened.TrySetResult(signal == TcpSignal.Reset ? TcpError.Refused : TcpError.Timeout);
                FinishInput(new TcpFlowException(signal));
                Unpark();
                break;
            case TcpSignal.Closed:
                _opened.TrySetResult(TcpError.Refused);
                Pump();
                FinishInput(null);
                Unpark();
                break;
        }
    }

    /// <summary>The batch of frames that brought bytes ended (under the lock).</summary>
    public void PumpDue()
    {
        _pumpDue = false;
        Pump();
        _connection.SendHeldAck(_tcp.Now);
    }

    /// <summary>Moves readable bytes into the input pipe while it has room (under the lock).</summary>
    private void Pump()
    {
        if (_flushing || _inputDone)
        {
            return;
        }
        while (_connection.Readable > 0)
        {
            // A quarter of the pipe's threshold per flush: a flush that reaches the threshold would pause at once.
            _connection.Peek(out var first, out var second);
            var moved = Move(first.Span, PumpChunk);
            moved += Move(second.Span, PumpChunk - moved);
            _connection.Consume(_tcp.Now, moved);
            var flush = _input.Writer.FlushAsync();
            if (!flush.IsCompleted)
            {
                // The reader is behind: stop taking bytes, so the window closes, until it catches up.
                _flushing = true;
                _ = ResumeAfterAsync(flush);
                return;
            }
            if (flush.Result.IsCompleted)
            {
                _inputDone = true;
                return;
            }
        }
        if (_connection.AtEnd)
        {
            FinishInput(null);
        }
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes of <paramref name="data"/> into the input pipe.</summary>
    private int Move(ReadOnlySpan<byte> data, int limit)
    {
        var count = Math.Min(data.Length, limit);
        data = data[..count];
        var writer = _input.Writer;
        while (data.Length > 0)
        {
            var span = writer.GetSpan();
            var n = Math.Min(span.Length, data.Length);
            data[..n].CopyTo(span);
            writer.Advance(n);
            data = data[n..];
        }
        return count;
    }

    private async Task ResumeAfterAsync(ValueTask<FlushResult> flush)
    {
        var result = await flush.ConfigureAwait(false);
        _tcp.Locked(this, static (_, flow) =>
        {
            flow._flushing = false;
            flow.Pump();
        });
        if (result.IsCompleted)
        {
            _inputDone = true;
        }
    }

    private void FinishInput(Exception? error)
    {
        if (_inputDone || _flushing && error is null)
        {
            return;
        }
        _inputDone = true;
        _input.Writer.Complete(error);
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var (wait, failed) = Append(buffer);
                if (failed)
                {
                    reader.Complete(new TcpFlowException(_failure ?? TcpSignal.Reset));
                    return;
                }
                if (wait is not null)
                {
                    await wait.ConfigureAwait(false);
                    continue;
                }
                if (result.IsCompleted)
                {
                    reader.Complete();
                    _tcp.Locked(this, static (tcp, flow) =>
                    {
                        flow._sendDone = true;
                        if (flow._closeRequested)
                        {
                            flow._connection.Close(tcp.Now);
                        }
                        else
                        {
                            flow._connection.Shutdown(tcp.Now);
                        }
                    });
                    return;
                }
            }
        }
        catch (Exception e)
        {
            reader.Complete(e);
        }
    }

    /// <summary>
    /// Appends as much of <paramref name="data"/> (just read from the output pipe) as the send buffer takes, sends once
    /// and advances the pipe past it, all under the lock. When some is left, the loop parks: the ACKs that free the
    /// buffer then top it up from the pipe themselves (<see cref="TopUp"/>), so no thread wakes per ACK, and the
    /// returned task completes once the pipe is drained (or the connection failed).
    /// </summary>
    private (Task? Wait, bool Failed) Append(in ReadOnlySequence<byte> data)
    {
        lock (_tcp.Gate)
        {
            if (_failure is not null || _connection.State == TcpState.Closed)
            {
                return (null, true);
            }
            var all = AppendAndAdvance(data);
            _connection.Flush(_tcp.Now);
            if (all)
            {
                return (null, false);
            }
            _writable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _parked = true;
            return (_writable.Task, false);
        }
    }

    /// <summary>Appends what fits of <paramref name="data"/> and advances the output pipe past it; true when all fitted.</summary>
    private bool AppendAndAdvance(in ReadOnlySequence<byte> data)
    {
        long taken = 0;
        foreach (var segment in data)
        {
            var n = _connection.Append(segment.Span);
            taken += n;
            if (n < segment.Length)
            {
                break;
            }
        }
        _output.Reader.AdvanceTo(data.GetPosition(taken));
        return taken == data.Length;
    }

    /// <summary>
    /// Room was freed while the send loop is parked: refill from the output pipe (under the lock, from within the
    /// connection's handling of an ACK, which sends what the windows allow once it is done).
    /// </summary>
    private void TopUp()
    {
        if (!_parked)
        {
            return;
        }
        if (!_output.Reader.TryRead(out var result) || AppendAndAdvance(result.Buffer) || result.IsCompleted)
        {
            Unpark();
        }
    }

    private void Unpark()
    {
        _parked = false;
        _writable.TrySetResult();
    }

    /// <inheritdoc />
    protected override TcpError? ReadError(Exception e) => e is TcpFlowException f ? f.Error : null;

    /// <inheritdoc />
    protected override TcpWriteError? WriteError(Exception e) =>
        e is TcpFlowException f ? (f.Error == TcpError.Timeout ? TcpWriteError.Timeout : TcpWriteError.Refused) : null;

    /// <inheritdoc />
    protected override ValueTask ShutdownWriteAsync()
    {
        _output.Writer.Complete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask ShutdownReadAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    /// <remarks>
    /// Does not wait for the peer: the connection sends what is buffered, then FIN, on its own (closing once the send
    /// loop has handed everything over).
    /// </remarks>
    protected override ValueTask CloseTransportAsync()
    {
        _tcp.Locked(this, static (tcp, flow) =>
        {
            flow._closeRequested = true;
            if (flow._sendDone)
            {
                flow._connection.Close(tcp.Now);
            }
        });
        return ValueTask.CompletedTask;
    }
}

/// <summary>A flow's failure, carried through its pipes.</summary>
internal sealed class TcpFlowException(TcpSignal signal) : IOException($"connection {signal}")
{
    /// <summary>The flow error it stands for.</summary>
    public TcpError Error { get; } = signal == TcpSignal.TimedOut ? TcpError.Timeout : TcpError.Refused;
}
