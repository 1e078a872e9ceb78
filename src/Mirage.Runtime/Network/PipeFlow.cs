using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;

namespace Mirage.Runtime.Network;

/// <summary>
/// The Mirage-style calls of <see cref="ITcpFlow"/> over a pair of pipes: reads lend the pipe's
/// buffers until the next read, writes go through the pipe's own buffers. A subclass says how its
/// transport fails (<see cref="ReadError"/>, <see cref="WriteError"/>), shuts down and closes.
/// </summary>
public abstract class PipeFlow : ITcpFlow, IDuplexPipe
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private ReadOnlySequence<byte>? _lent;
    private bool _readShut;
    private bool _writeShut;
    private int _closed;

    /// <summary>A flow reading <paramref name="input"/> and writing <paramref name="output"/>.</summary>
    protected PipeFlow(PipeReader input, PipeWriter output)
    {
        _input = input;
        _output = output;
    }

    /// <inheritdoc />
    public abstract IPEndPoint Source { get; }

    /// <inheritdoc />
    public abstract IPEndPoint Destination { get; }

    /// <inheritdoc />
    public IDuplexPipe Transport => this;

    PipeReader IDuplexPipe.Input => _input;

    PipeWriter IDuplexPipe.Output => _output;

    /// <summary>Whether <see cref="CloseAsync"/> has begun.</summary>
    protected bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The flow error <paramref name="e"/> stands for while reading, or null when it is not a transport failure.</summary>
    protected abstract TcpError? ReadError(Exception e);

    /// <summary>The write error <paramref name="e"/> stands for, or null when it is not a transport failure.</summary>
    protected abstract TcpWriteError? WriteError(Exception e);

    /// <summary>Tells the peer this end sends no more (after pending bytes are flushed).</summary>
    protected abstract ValueTask ShutdownWriteAsync();

    /// <summary>Stops receiving.</summary>
    protected abstract ValueTask ShutdownReadAsync();

    /// <summary>Releases the transport once both pipes are completed.</summary>
    protected abstract ValueTask CloseTransportAsync();

    /// <inheritdoc />
    /// <remarks>Its state machine is pooled: a read that waits allocates nothing in the steady state.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FlowReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_lent is { } lent)
        {
            _input.AdvanceTo(lent.End);
            _lent = null;
        }
        if (_readShut || IsClosed)
        {
            return FlowReadResult.Eof;
        }
        try
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!result.Buffer.IsEmpty)
            {
                _lent = result.Buffer;
                return FlowReadResult.Of(result.Buffer);
            }
            _input.AdvanceTo(result.Buffer.End);
            return FlowReadResult.Eof;
        }
        catch (ObjectDisposedException)
        {
            return FlowReadResult.Eof;
        }
        catch (Exception e) when (ReadError(e) is { } error)
        {
            return FlowReadResult.Failed(error);
        }
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (_writeShut || IsClosed)
        {
            return ValueTask.FromResult<TcpWriteError?>(TcpWriteError.Closed);
        }
        _output.Write(data.Span);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WritevAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default)
    {
        if (_writeShut || IsClosed)
        {
            return ValueTask.FromResult<TcpWriteError?>(TcpWriteError.Closed);
        }
        foreach (var buffer in buffers)
        {
            _output.Write(buffer.Span);
        }
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Writes are coalesced by the pipe and flushed at once, so this is <see cref="WriteAsync"/>.</remarks>
    public ValueTask<TcpWriteError?> WriteNodelayAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(data, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Writes are coalesced by the pipe and flushed at once, so this is <see cref="WritevAsync"/>.</remarks>
    public ValueTask<TcpWriteError?> WritevNodelayAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default) =>
        WritevAsync(buffers, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TcpWriteError?> FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result.IsCompleted ? TcpWriteError.Closed : null;
        }
        catch (ObjectDisposedException)
        {
            return TcpWriteError.Closed;
        }
        catch (Exception e) when (WriteError(e) is { } error)
        {
            return error;
        }
    }

    /// <inheritdoc />
    public async ValueTask ShutdownAsync(ShutdownMode mode)
    {
        if (IsClosed)
        {
            return;
        }
        if (mode is ShutdownMode.Write or ShutdownMode.ReadWrite && !_writeShut)
        {
            _writeShut = true;
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await ShutdownWriteAsync().ConfigureAwait(false);
        }
        if (mode is ShutdownMode.Read or ShutdownMode.ReadWrite && !_readShut)
        {
            _readShut = true;
            await ShutdownReadAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        if (!_writeShut)
        {
            try
            {
                await _output.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsGone(e))
            {
                // A peer that left cannot be flushed to; closing goes on.
            }
        }
        try
        {
            // Completing flushes what a failed flush left behind, and fails the same way.
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsGone(e))
        {
            // Nobody to send it to: the transport closes all the same.
        }
        await _input.CompleteAsync().ConfigureAwait(false);
        await CloseTransportAsync().ConfigureAwait(false);
    }

    private bool IsGone(Exception e) =>
        e is IOException or ObjectDisposedException or InvalidOperationException || WriteError(e) is not null;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();

    /// <inheritdoc />
    public override string ToString() => $"{Source} <-> {Destination}";
}
