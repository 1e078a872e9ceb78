using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// An interface of ours whose receive loop also says when it has handed up a batch of frames (see <see cref="FrameBatch"/>), so the stack above can finish its work once per batch.
/// </summary>
internal interface IBatchingNetif
{
    /// <summary>As <see cref="INetif.ListenAsync"/>, calling <paramref name="batchEnd"/> on the receive loop's thread after each batch.</summary>
    Task ListenAsync(FrameHandler handler, Action batchEnd, CancellationToken cancellationToken);
}
