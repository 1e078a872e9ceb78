using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>
/// One accepted flow as Kestrel sees it: the flow's own pipes are the transport (no copies), and
/// disposing the connection closes the flow and lets the stack's handler return.
/// </summary>
internal sealed class FlowConnection : ConnectionContext, IConnectionLifetimeFeature
{
    private static long s_nextId;
    private readonly ITcpFlow _flow;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FlowConnection(ITcpFlow flow)
    {
        _flow = flow;
        Transport = flow.Transport;
        ConnectionId = $"mirage-{Interlocked.Increment(ref s_nextId)}";
        LocalEndPoint = flow.Source;
        RemoteEndPoint = flow.Destination;
        Features.Set<IConnectionLifetimeFeature>(this);
        ConnectionClosed = _closed.Token;
    }

    /// <summary>Completes when Kestrel is done with the connection.</summary>
    public Task Done => _done.Task;

    public override IDuplexPipe Transport { get; set; }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _closed.Cancel();
        // Closing the flow fails pending reads and writes, which ends Kestrel's loops.
        _ = _flow.CloseAsync().AsTask();
    }

    public override async ValueTask DisposeAsync()
    {
        await _flow.CloseAsync().ConfigureAwait(false);
        _closed.Dispose();
        _done.TrySetResult();
    }
}
