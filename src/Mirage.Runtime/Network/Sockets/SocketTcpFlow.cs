using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// A TCP flow over a host socket. The pipes read from and write to the socket directly (pooled
/// segments, no intermediate copies); the Mirage-style calls are thin layers over the same pipes.
/// </summary>
public sealed class SocketTcpFlow : ITcpFlow, IDuplexPipe
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private ReadOnlySequence<byte>? _lent;
    private bool _readShut;
    private bool _writeShut;
    private int _closed;

    internal SocketTcpFlow(Socket socket)
    {
        _socket = socket;
        // Kestrel's own transport sets NODELAY too: writes are already coalesced by the pipe.
        socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        Source = (IPEndPoint)socket.LocalEndPoint!;
        Destination = (IPEndPoint)socket.RemoteEndPoint!;
    }

    /// <inheritdoc />
    public IPEndPoint Source { get; }

    /// <inheritdoc />
    public IPEndPoint Destination { get; }

    /// <inheritdoc />
    public IDuplexPipe Transport => this;

    PipeReader IDuplexPipe.Input => _input;

    PipeWriter IDuplexPipe.Output => _output;

    /// <inheritdoc />
    public async ValueTask<FlowReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_lent is { } lent)
        {
            _input.AdvanceTo(lent.End);
            _lent = null;
        }
        if (_readShut || _closed != 0)
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
        catch (IOException e) when (e.InnerException is SocketException s)
        {
            return FlowReadResult.Failed(SocketErrors.ToTcpError(s.SocketErrorCode));
        }
        catch (SocketException s)
        {
            return FlowReadResult.Failed(SocketErrors.ToTcpError(s.SocketErrorCode));
        }
        catch (ObjectDisposedException)
        {
            return FlowReadResult.Eof;
        }
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (_writeShut || _closed != 0)
        {
            return ValueTask.FromResult<TcpWriteError?>(TcpWriteError.Closed);
        }
        _output.Write(data.Span);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WritevAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default)
    {
        if (_writeShut || _closed != 0)
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
    /// <remarks>Every socket flow has TCP_NODELAY set, so this is <see cref="WriteAsync"/>.</remarks>
    public ValueTask<TcpWriteError?> WriteNodelayAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(data, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Every socket flow has TCP_NODELAY set, so this is <see cref="WritevAsync"/>.</remarks>
    public ValueTask<TcpWriteError?> WritevNodelayAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default) =>
        WritevAsync(buffers, cancellationToken);

    private async ValueTask<TcpWriteError?> FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result.IsCompleted ? TcpWriteError.Closed : null;
        }
        catch (IOException e) when (e.InnerException is SocketException s)
        {
            return SocketErrors.ToWriteError(s.SocketErrorCode);
        }
        catch (SocketException s)
        {
            return SocketErrors.ToWriteError(s.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return TcpWriteError.Closed;
        }
    }

    /// <inheritdoc />
    public async ValueTask ShutdownAsync(ShutdownMode mode)
    {
        if (_closed != 0)
        {
            return;
        }
        if (mode is ShutdownMode.Write or ShutdownMode.ReadWrite && !_writeShut)
        {
            _writeShut = true;
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            TryShutdown(SocketShutdown.Send);
        }
        if (mode is ShutdownMode.Read or ShutdownMode.ReadWrite && !_readShut)
        {
            _readShut = true;
            TryShutdown(SocketShutdown.Receive);
        }
    }

    private void TryShutdown(SocketShutdown how)
    {
        try
        {
            _socket.Shutdown(how);
        }
        catch (SocketException)
        {
            // The peer is already gone: there is nothing left to shut.
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
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // A peer that left cannot be flushed to; closing goes on.
            }
        }
        await _output.CompleteAsync().ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
        TryShutdown(SocketShutdown.Both);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();

    /// <inheritdoc />
    public override string ToString() => $"{Source} <-> {Destination}";
}
