using System.Net;
using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Unikernel;

/// <summary>
/// Sends every UDP datagram that arrives on <c>--port</c> back to where it came from, from the address it was
/// sent to (both families): the UDP half of upstream's device-usage/ping6 and echo servers.
/// </summary>
public sealed class UdpEcho(IUdp udp, int port) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (udp.Listen(port, EchoAsync) is { } error)
        {
            throw new InvalidOperationException($"cannot listen on UDP port {port}: {error}");
        }
        Log.Info($"echoing UDP on port {port}");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private async ValueTask EchoAsync(UdpDatagram datagram)
    {
        if (await udp.WriteAsync(new IPEndPoint(datagram.Source, datagram.SourcePort), datagram.Payload, datagram.Destination, port) is { } error)
        {
            Log.Warning($"no echo to {datagram.Source} port {datagram.SourcePort}: {error}");
        }
    }
}
