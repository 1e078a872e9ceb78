using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel's view of one listened port: the stack's handler queues each flow for
/// <see cref="AcceptAsync"/> and holds it open until Kestrel disposes the connection.
/// </summary>
internal sealed class FlowConnectionListener : IConnectionListener
{
    private readonly FlowEndPoint _endPoint;
    private readonly Channel<FlowConnection> _accepted = Channel.CreateUnbounded<FlowConnection>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private FlowConnectionListener(FlowEndPoint endPoint) => _endPoint = endPoint;

    public EndPoint EndPoint => _endPoint;

    public static FlowConnectionListener Bind(FlowEndPoint endPoint)
    {
        var listener = new FlowConnectionListener(endPoint);
        if (endPoint.Listen(listener.HandleAsync) is { } error)
        {
            throw new IOException(error);
        }
        return listener;
    }

    private async ValueTask HandleAsync(ITcpFlow flow)
    {
        var connection = new FlowConnection(flow);
        if (!_accepted.Writer.TryWrite(connection))
        {
            return; // unbound meanwhile: the stack closes the flow
        }
        await connection.Done.ConfigureAwait(false);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _endPoint.Unlisten();
        _accepted.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        while (_accepted.Reader.TryRead(out var pending))
        {
            await pending.DisposeAsync().ConfigureAwait(false);
        }
    }
}
