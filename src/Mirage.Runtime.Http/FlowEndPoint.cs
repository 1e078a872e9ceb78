using System.Net;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Conduit;

namespace Mirage.Runtime.Http;

/// <summary>
/// A TCP port of a Mirage stack, as Kestrel's <c>Listen</c> takes it: listened on through a
/// <see cref="IConduit"/> when the server was given one (<c>cohttp_server</c>), else on the TCP layer
/// (<c>paf_server</c>).
/// </summary>
public sealed class FlowEndPoint(ITcp tcp, int port, IConduit? conduit = null) : EndPoint
{
    /// <summary>The TCP layer that listens.</summary>
    public ITcp Tcp { get; } = tcp;

    /// <summary>The conduit that listens, if any.</summary>
    public IConduit? Conduit { get; } = conduit;

    /// <summary>The port.</summary>
    public int Port { get; } = port;

    /// <summary>Accepts connections on the port, through the conduit if there is one; null on success, else why not.</summary>
    internal string? Listen(TcpHandler handler) => Conduit is { } conduit
        ? conduit.Listen(Port, handler)?.Message
        : Tcp.Listen(Port, handler) is { } error ? $"cannot listen on TCP port {Port}: {TcpConduit.Describe(error)}" : null;

    /// <summary>Stops accepting on the port.</summary>
    internal void Unlisten()
    {
        if (Conduit is { } conduit)
        {
            conduit.Unlisten(Port);
        }
        else
        {
            Tcp.Unlisten(Port);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"mirage-tcp:{Port}";
}
