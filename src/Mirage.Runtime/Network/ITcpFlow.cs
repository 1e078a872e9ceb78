using System.IO.Pipelines;
using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>
/// One TCP connection (upstream's <c>Tcp.S.flow</c> with <c>Mirage_flow.S</c>). Use either the
/// Mirage-style calls (<see cref="ReadAsync"/>, <see cref="WriteAsync"/>...) or the
/// <see cref="Transport"/> pipes, not both at once: they share the same buffers, which is what lets a
/// server such as Kestrel run over a flow without copies.
/// </summary>
public interface ITcpFlow : IAsyncDisposable
{
    /// <summary>This end's address and port.</summary>
    IPEndPoint Source { get; }

    /// <summary>The peer's address and port.</summary>
    IPEndPoint Destination { get; }

    /// <summary>The flow as pipes: read what the peer sent from <c>Input</c>, write to <c>Output</c>.</summary>
    IDuplexPipe Transport { get; }

    /// <summary>
    /// Waits for data: the result lends the bytes received so far (valid until the next read), or says
    /// the peer finished, or why the flow failed.
    /// </summary>
    ValueTask<FlowReadResult> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="data"/>; completes once it is handed to the stack. Null on success.</summary>
    ValueTask<TcpWriteError?> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Sends the buffers in order, as one write.</summary>
    ValueTask<TcpWriteError?> WritevAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WriteAsync"/>, but asks the stack to send at once instead of coalescing (Nagle).</summary>
    ValueTask<TcpWriteError?> WriteNodelayAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WritevAsync"/>, sent at once.</summary>
    ValueTask<TcpWriteError?> WritevNodelayAsync(IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default);

    /// <summary>Shuts one or both directions down; the flow stays open until <see cref="CloseAsync"/>.</summary>
    ValueTask ShutdownAsync(ShutdownMode mode);

    /// <summary>Sends what is pending, then closes the connection. Closing twice is harmless.</summary>
    ValueTask CloseAsync();
}
