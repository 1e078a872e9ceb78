namespace Mirage.Runtime.Network.Sockets;

/// <summary>
/// The dual stack over the host's sockets (upstream's <c>Tcpip_stack_socket.V4V6</c>, chosen by
/// <c>--net=socket</c> or <c>--net=host</c>).
/// </summary>
public sealed class SocketStack : IStackV4V6
{
    private SocketStack(IUdp udp, ITcp tcp, SocketStackOptions options)
    {
        Udp = udp;
        Tcp = tcp;
        Ip = SocketIp.Connect(options);
    }

    /// <summary>Ties UDP and TCP layers together (upstream's <c>connect udp tcp</c>); the IP view comes from <paramref name="options"/>.</summary>
    public static SocketStack Connect(IUdp udp, ITcp tcp, SocketStackOptions options) => new(udp, tcp, options);

    /// <summary>A whole socket stack from its options, for programs that wire it by hand.</summary>
    public static SocketStack Connect(SocketStackOptions options) =>
        new(SocketUdp.Connect(options), SocketTcp.Connect(options), options);

    /// <inheritdoc />
    public ITcp Tcp { get; }

    /// <inheritdoc />
    public IUdp Udp { get; }

    /// <inheritdoc />
    public IIp Ip { get; }

    /// <inheritdoc />
    public async ValueTask DisconnectAsync()
    {
        await Tcp.DisconnectAsync().ConfigureAwait(false);
        await Udp.DisconnectAsync().ConfigureAwait(false);
    }
}
