using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class ModuleTypes
{
    /// <summary>A dual IPv4/IPv6 stack: <c>Mirage.Runtime.Network.IStackV4V6</c> (upstream's <c>stackv4v6</c>).</summary>
    public static readonly ModuleType StackV4V6 = new ModuleType.Base("stackv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IStackV4V6)));

    /// <summary>TCP over IPv4 and IPv6: <c>Mirage.Runtime.Network.ITcp</c> (upstream's <c>tcpv4v6</c>).</summary>
    public static readonly ModuleType TcpV4V6 = new ModuleType.Base("tcpv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.ITcp)));

    /// <summary>UDP over IPv4 and IPv6: <c>Mirage.Runtime.Network.IUdp</c> (upstream's <c>udpv4v6</c>).</summary>
    public static readonly ModuleType UdpV4V6 = new ModuleType.Base("udpv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IUdp)));
}

public static partial class ModuleTypes
{
    /// <summary>An HTTP server: <c>Mirage.Runtime.Http.IHttpServer</c> (upstream's <c>http_server</c>).</summary>
    public static readonly ModuleType HttpServer = new ModuleType.Base("http_server", RuntimeName.Of(nameof(Mirage.Runtime.Http.IHttpServer)));
}

public static partial class ModuleTypes
{
    /// <summary>
    /// Connections over a stack, in clear or with TLS: <c>Mirage.Runtime.Network.Conduit.IConduit</c>
    /// (upstream's <c>conduit</c>).
    /// </summary>
    public static readonly ModuleType Conduit = new ModuleType.Base("conduit", RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.IConduit)));

    /// <summary>
    /// An HTTP server over a conduit: <c>Mirage.Runtime.Http.IHttpServer</c>, like
    /// <see cref="HttpServer"/> (upstream's <c>http</c>, what <c>cohttp_server</c> makes).
    /// </summary>
    public static readonly ModuleType Http = new ModuleType.Base("http", RuntimeName.Of(nameof(Mirage.Runtime.Http.IHttpServer)));
}
