using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// A TCP flow over a host socket. The pipes read from and write to the socket directly (pooled
/// segments, no intermediate copies); the Mirage-style calls are thin layers over the same pipes.
/// </summary>
public sealed class SocketTcpFlow : PipeFlow
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    internal SocketTcpFlow(Socket socket, int readBufferSize)
        : this(socket, new MeteredNetworkStream(socket), readBufferSize)
    {
        SocketMetrics.FlowsOpened.Add(1);
    }

    private SocketTcpFlow(Socket socket, NetworkStream stream, int readBufferSize)
        : base(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: readBufferSize, minimumReadSize: Math.Min(readBufferSize, 4096), leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)))
    {
        _socket = socket;
        _stream = stream;
        // Kestrel's own transport sets NODELAY too: writes are already coalesced by the pipe.
        socket.NoDelay = true;
        Source = (IPEndPoint)socket.LocalEndPoint!;
        Destination = (IPEndPoint)socket.RemoteEndPoint!;
    }

    /// <inheritdoc />
    public override IPEndPoint Source { get; }

    /// <inheritdoc />
    public override IPEndPoint Destination { get; }

    /// <inheritdoc />
    protected override TcpError? ReadError(Exception e) =>
        SocketError(e) is { } code ? SocketErrors.ToTcpError(code) : null;

    /// <inheritdoc />
    protected override TcpWriteError? WriteError(Exception e) =>
        SocketError(e) is { } code ? SocketErrors.ToWriteError(code) : null;

    private static SocketError? SocketError(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode,
        IOException { InnerException: SocketException s } => s.SocketErrorCode,
        _ => null,
    };

    /// <inheritdoc />
    protected override ValueTask ShutdownWriteAsync()
    {
        TryShutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask ShutdownReadAsync()
    {
        TryShutdown(SocketShutdown.Receive);
        return ValueTask.CompletedTask;
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
    protected override async ValueTask CloseTransportAsync()
    {
        TryShutdown(SocketShutdown.Both);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
