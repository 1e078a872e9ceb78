using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Ethernet;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>The <c>ethif</c> device (upstream's <c>Ethernet.Make</c>): Ethernet over any network interface.</summary>
public static class Ethif
{
    private static readonly LogSource Log = new("ethernet");

    /// <summary>
    /// Ethernet on <paramref name="netif"/>, which it listens to at once: the layer is the interface's only reader
    /// (upstream's stack starts this loop; here UDP-only unikernels have no stack device to do it).
    /// </summary>
    public static IEthernet Connect(INetif netif)
    {
        var ethernet = EthernetLayer.Connect(netif);
        _ = ListenAsync(netif, ethernet);
        return ethernet;
    }

    private static async Task ListenAsync(INetif netif, EthernetLayer ethernet)
    {
        try
        {
            await netif.ListenAsync(ethernet.InputAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Log.Error($"the receive loop of the interface stopped: {e.Message}");
        }
    }
}
