using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// A flow carried by TLS over another flow: the same <see cref="ITcpFlow"/> calls, encrypted by
/// <see cref="SslStream"/>. Made by <see cref="TlsFlows.ServerAsync"/> or <see cref="TlsFlows.ClientAsync"/>.
/// </summary>
public sealed class TlsFlow : ITcpFlow, IDuplexPipe
{
    private readonly ITcpFlow _inner;
    private readonly SslStream _ssl;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private ReadOnlySequence<byte>? _lent;
    private bool _writeShut;
    private int _closed;

    internal TlsFlow(ITcpFlow inner, SslStream ssl)
    {
        _inner = inner;
        _ssl = ssl;
        _input = PipeReader.Create(ssl, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(ssl, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>The protocol both ends chose by ALPN (empty when none).</summary>
    public SslApplicationProtocol NegotiatedApplicationProtocol => _ssl.NegotiatedApplicationProtocol;

    /// <summary>The TLS version in use.</summary>
    public SslProtocols Protocol => _ssl.SslProtocol;

    /// <inheritdoc />
    public IPEndPoint Source => _inner.Source;

    /// <inheritdoc />
    public IPEndPoint Destination => _inner.Destination;

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
        if (_closed != 0)
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
        catch (IOException)
        {
            return FlowReadResult.Failed(TcpError.Refused);
        }
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WritevAsync([data], cancellationToken);

    /// <inheritdoc />
    public async ValueTask<TcpWriteError?> WritevAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default)
    {
        if (_writeShut || _closed != 0)
        {
            return TcpWriteError.Closed;
        }
        foreach (var buffer in buffers)
        {
            _output.Write(buffer.Span);
        }
        try
        {
            var result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result.IsCompleted ? TcpWriteError.Closed : null;
        }
        catch (IOException)
        {
            return TcpWriteError.Refused;
        }
    }

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WriteNodelayAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(data, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TcpWriteError?> WritevNodelayAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default) =>
        WritevAsync(buffers, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Shutting down writing sends TLS close_notify first, so the peer reads a clean end.</remarks>
    public async ValueTask ShutdownAsync(ShutdownMode mode)
    {
        if (mode is ShutdownMode.Write or ShutdownMode.ReadWrite && !_writeShut && _closed == 0)
        {
            _writeShut = true;
            try
            {
                await _output.FlushAsync().ConfigureAwait(false);
                await _ssl.ShutdownAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The peer is gone: nothing to notify.
            }
        }
        await _inner.ShutdownAsync(mode).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        await _output.CompleteAsync().ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
        await _ssl.DisposeAsync().ConfigureAwait(false);
        await _inner.CloseAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();
}
