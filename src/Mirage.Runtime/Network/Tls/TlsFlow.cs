using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Mirage.Runtime.Network.Tls;

/// <summary>
/// A flow carried by TLS over another flow: the same <see cref="ITcpFlow"/> calls, encrypted by
/// <see cref="SslStream"/>. Made by <see cref="TlsFlows.ServerAsync"/> or <see cref="TlsFlows.ClientAsync"/>.
/// </summary>
public sealed class TlsFlow : PipeFlow
{
    private readonly ITcpFlow _inner;
    private readonly SslStream _ssl;

    internal TlsFlow(ITcpFlow inner, SslStream ssl)
        : base(
            // One TLS record carries up to 16 KiB: read a whole one at a time.
            PipeReader.Create(ssl, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true)),
            PipeWriter.Create(ssl, new StreamPipeWriterOptions(leaveOpen: true)))
    {
        _inner = inner;
        _ssl = ssl;
    }

    /// <summary>The protocol both ends chose by ALPN (empty when none).</summary>
    public SslApplicationProtocol NegotiatedApplicationProtocol => _ssl.NegotiatedApplicationProtocol;

    /// <summary>The TLS version in use.</summary>
    public SslProtocols Protocol => _ssl.SslProtocol;

    /// <inheritdoc />
    public override IPEndPoint Source => _inner.Source;

    /// <inheritdoc />
    public override IPEndPoint Destination => _inner.Destination;

    // SslStream reports a broken record layer or a vanished peer as IOException.

    /// <inheritdoc />
    protected override TcpError? ReadError(Exception e) => e is IOException ? TcpError.Refused : null;

    /// <inheritdoc />
    protected override TcpWriteError? WriteError(Exception e) => e is IOException ? TcpWriteError.Refused : null;

    /// <inheritdoc />
    /// <remarks>Sends TLS close_notify first, so the peer reads a clean end.</remarks>
    protected override async ValueTask ShutdownWriteAsync()
    {
        try
        {
            await _ssl.ShutdownAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer is gone: nothing to notify.
        }
        await _inner.ShutdownAsync(ShutdownMode.Write).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override ValueTask ShutdownReadAsync() => _inner.ShutdownAsync(ShutdownMode.Read);

    /// <inheritdoc />
    protected override async ValueTask CloseTransportAsync()
    {
        await _ssl.DisposeAsync().ConfigureAwait(false);
        await _inner.CloseAsync().ConfigureAwait(false);
    }
}
