using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>How every network interface hands a received frame up: counted, then given to the layer
/// above, whose failure is logged and never ends the interface's receive loop.</summary>
internal static class FrameDelivery
{
    public static async ValueTask DeliverAsync(
        NetifStats stats, FrameHandler handler, ReadOnlyMemory<byte> frame, LogSource log, string name)
    {
        stats.Received(frame.Length);
        try
        {
            await handler(frame).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Error($"a layer above {name} failed on a frame: {e}");
        }
    }
}
