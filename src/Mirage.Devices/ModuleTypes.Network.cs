using Mirage.Devices.Contract;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of dual IPv4/IPv6 network stacks.</summary>
    public sealed class StackV4V6
    {
        private StackV4V6() { }
    }

    /// <summary>The module type of TCP layers over IPv4 and IPv6.</summary>
    public sealed class TcpV4V6
    {
        private TcpV4V6() { }
    }

    /// <summary>The module type of UDP layers over IPv4 and IPv6.</summary>
    public sealed class UdpV4V6
    {
        private UdpV4V6() { }
    }

    /// <summary>The module type of HTTP servers.</summary>
    public sealed class HttpServer
    {
        private HttpServer() { }
    }

    /// <summary>The module type of connections over a stack, in clear or with TLS (upstream's <c>conduit</c>).</summary>
    public sealed class Conduit
    {
        private Conduit() { }
    }

    /// <summary>The module type of HTTP servers over a conduit (upstream's <c>http</c>).</summary>
    public sealed class Http
    {
        private Http() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>A dual IPv4/IPv6 stack: <c>Mirage.Runtime.Network.IStackV4V6</c> (upstream's <c>stackv4v6</c>).</summary>
        public static readonly Typ<StackV4V6> StackV4V6 = new("stackv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IStackV4V6)));

        /// <summary>TCP over IPv4 and IPv6: <c>Mirage.Runtime.Network.ITcp</c> (upstream's <c>tcpv4v6</c>).</summary>
        public static readonly Typ<TcpV4V6> TcpV4V6 = new("tcpv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.ITcp)));

        /// <summary>UDP over IPv4 and IPv6: <c>Mirage.Runtime.Network.IUdp</c> (upstream's <c>udpv4v6</c>).</summary>
        public static readonly Typ<UdpV4V6> UdpV4V6 = new("udpv4v6", RuntimeName.Of(nameof(Mirage.Runtime.Network.IUdp)));
    }

    public static partial class ModuleTypes
    {
        /// <summary>An HTTP server: <c>Mirage.Runtime.Http.IHttpServer</c> (upstream's <c>http_server</c>).</summary>
        public static readonly Typ<HttpServer> HttpServer = new("http_server", RuntimeName.Of(nameof(Mirage.Runtime.Http.IHttpServer)));
    }

    public static partial class ModuleTypes
    {
        /// <summary>
        /// Connections over a stack, in clear or with TLS: <c>Mirage.Runtime.Network.Conduit.IConduit</c>
        /// (upstream's <c>conduit</c>).
        /// </summary>
        public static readonly Typ<Conduit> Conduit = new("conduit", RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.IConduit)));

        /// <summary>
        /// An HTTP server over a conduit: <c>Mirage.Runtime.Http.IHttpServer</c>, like
        /// <see cref="HttpServer"/> (upstream's <c>http</c>, what <c>cohttp_server</c> makes).
        /// </summary>
        public static readonly Typ<Http> Http = new("http", RuntimeName.Of(nameof(Mirage.Runtime.Http.IHttpServer)));
    }
}
