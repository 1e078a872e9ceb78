using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>
/// One accepted flow as Kestrel sees it, in the shape of Kestrel's own socket transport: a receive
/// loop keeps reading the flow, so a peer that finishes or resets is seen at once, even while the
/// application computes; writes go straight into the flow's pipe (no copies) through a
/// <see cref="FlowOutput"/> that turns a failed send into the end of the connection. Either way
/// <c>ConnectionClosed</c> fires, which is what aborts Kestrel's requests
/// (<c>RequestAborted</c>) and stops it producing a response nobody reads. Disposing the
/// connection closes the flow and lets the stack's handler return.
/// </summary>
internal sealed class FlowConnection : ConnectionContext, IConnectionLifetimeFeature
{
    // Kestrel's own limit on what it buffers of a connection's input (MaxRequestBufferSize).
    private const long PauseReceiving = 1024 * 1024;
    private static readonly LogSource Log = new("http");
    private static long s_nextId;

    private readonly ITcpFlow _flow;
    private readonly PipeReader _received;
    private readonly Pipe _input = new(new PipeOptions(
        pauseWriterThreshold: PauseReceiving, resumeWriterThreshold: PauseReceiving / 2, useSynchronizationContext: false));
    private readonly ResetAfterInputReader _inputReader;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _receiving;
    private Task? _closing;

    public FlowConnection(ITcpFlow flow)
    {
        _flow = flow;
        _received = flow.Transport.Input;
        _inputReader = new ResetAfterInputReader(_input.Reader);
        Transport = new DuplexPipe(_inputReader, new FlowOutput(flow.Transport.Output, PeerLeft));
        ConnectionId = $"mirage-{Interlocked.Increment(ref s_nextId)}";
        LocalEndPoint = flow.Source;
        RemoteEndPoint = flow.Destination;
        Features.Set<IConnectionLifetimeFeature>(this);
        ConnectionClosed = _closed.Token;
        _receiving = ReceiveAsync();
    }

    /// <summary>Completes when Kestrel is done with the connection.</summary>
    public Task Done => _done.Task;

    public override IDuplexPipe Transport { get; set; }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    /// <summary>Whether <paramref name="e"/> says the peer went away (reset, broken pipe, a closed flow).</summary>
    internal static bool IsPeerGone(Exception e) => e is IOException or SocketException or ObjectDisposedException;

    /// <summary>
    /// Moves what the peer sends into Kestrel's input, up to Kestrel's buffer limit; the end of the
    /// peer's stream, or its failure, ends the connection.
    /// </summary>
    private async Task ReceiveAsync()
    {
        // Let the constructor return before the first read.
        await Task.Yield();
        Exception? error = null;
        try
        {
            while (true)
            {
                var read = await _received.ReadAsync().ConfigureAwait(false);
                if (read.IsCanceled)
                {
                    _received.AdvanceTo(read.Buffer.Start);
                    break; // aborted or disposed by Kestrel
                }
                foreach (var segment in read.Buffer)
                {
                    _input.Writer.Write(segment.Span);
                }
                _received.AdvanceTo(read.Buffer.End);
                var flushed = await _input.Writer.FlushAsync().ConfigureAwait(false);
                if (read.IsCompleted)
                {
                    await PeerLeft("the peer closed the connection").ConfigureAwait(false);
                    break;
                }
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break; // Kestrel reads no more
                }
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            // Kestrel reads what the peer sent before its reset first (a TLS alert, say), then the reset.
            _inputReader.ResetAfterInput(new ConnectionResetException(e.Message, e));
            await PeerLeft($"the peer reset the connection ({e.Message})").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Not the peer's doing, but the connection cannot go on either: Kestrel's read says why.
            error = e;
            await PeerLeft($"reading from the peer failed ({e.Message})").ConfigureAwait(false);
        }
        finally
        {
            await _input.Writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends the connection because the peer left: said once, at debug level. Completes once Kestrel
    /// has heard of it, so that a handler told its write went nowhere finds its request aborted.
    /// </summary>
    private Task PeerLeft(string why) => Close(why);

    // ConnectionClosed fires once, off the caller's stack as in Kestrel's transports (Kestrel's
    // callbacks take its locks and may call Abort); every caller gets the same task.
    private Task Close(string? why)
    {
        if (Volatile.Read(ref _closing) is { } closing)
        {
            return closing;
        }
        var fire = new Task(_closed.Cancel);
        if (Interlocked.CompareExchange(ref _closing, fire, null) is { } other)
        {
            return other;
        }
        if (why is not null)
        {
            Log.Debug($"{ConnectionId} from {RemoteEndPoint}: {why}");
        }
        fire.Start(TaskScheduler.Default);
        return fire;
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _ = Close(null);
        // Ends the receive loop (which completes Kestrel's input) and a flush waiting on a peer
        // that does not read; the flow itself closes when Kestrel disposes the connection.
        StopReceiving();
        try
        {
            _flow.Transport.Output.CancelPendingFlush();
        }
        catch (ObjectDisposedException)
        {
            // The flow's writer is already completed: there is no flush to wait for.
        }
    }

    // Kestrel forgets a connection only once this returns normally: it must not throw.
    public override async ValueTask DisposeAsync()
    {
        try
        {
            StopReceiving();
            await _receiving.ConfigureAwait(false);
            await _flow.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            Log.Debug($"{ConnectionId} from {RemoteEndPoint}: closing failed ({e.Message})");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    // The receive loop waits either for the peer or for room in Kestrel's input.
    private void StopReceiving()
    {
        _received.CancelPendingRead();
        _input.Writer.CancelPendingFlush();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
