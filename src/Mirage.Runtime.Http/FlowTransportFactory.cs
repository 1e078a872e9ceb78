using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel's transport for <see cref="FlowEndPoint"/>s: connections come from a Mirage stack's
/// TCP flows instead of Kestrel's own sockets.
/// </summary>
internal sealed class FlowTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is FlowEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        endpoint is FlowEndPoint flowEndPoint
            ? ValueTask.FromResult<IConnectionListener>(FlowConnectionListener.Bind(flowEndPoint))
            : throw new NotSupportedException($"{endpoint} is not a Mirage stack's port");
}
