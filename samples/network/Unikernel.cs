using System.Text;
using Mirage.Runtime;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Unikernel;

/// <summary>
/// Accepts TCP connections on <c>--port</c> (IPv4 and IPv6), logs who connected and the first
/// bytes they sent, then closes: upstream's device-usage/network.
/// </summary>
public sealed class Network(IStackV4V6 stack, int port) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (stack.Tcp.Listen(port, HandleAsync) is { } error)
        {
            throw new InvalidOperationException($"cannot listen on TCP port {port}: {error}");
        }
        Log.Info($"listening on TCP port {port}");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private static async ValueTask HandleAsync(ITcpFlow flow)
    {
        var peer = flow.Destination;
        Log.Info($"new tcp connection from IP {peer.Address} on port {peer.Port}");
        var read = await flow.ReadAsync();
        if (read.Error is { } error)
        {
            Log.Warning($"error reading data from established connection: {error}");
        }
        else if (read.IsEof)
        {
            Log.Info("closing connection: the peer sent nothing");
        }
        else
        {
            Log.Info($"read {read.Data.Length} bytes: {Encoding.UTF8.GetString(read.Data).TrimEnd()}");
        }
        await flow.CloseAsync();
    }
}
