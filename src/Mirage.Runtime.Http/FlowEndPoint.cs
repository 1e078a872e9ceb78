using System.Net;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>A TCP port of a Mirage stack, as Kestrel's <c>Listen</c> takes it.</summary>
public sealed class FlowEndPoint(ITcp tcp, int port) : EndPoint
{
    /// <summary>The TCP layer that listens.</summary>
    public ITcp Tcp { get; } = tcp;

    /// <summary>The port.</summary>
    public int Port { get; } = port;

    /// <inheritdoc />
    public override string ToString() => $"mirage-tcp:{Port}";
}
