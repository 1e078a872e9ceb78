using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>HTTP servers (upstream's <c>http_server</c>).</summary>
    public static readonly Typ<HttpServer> HttpServer = new(ModuleTypes.HttpServer);
}

public static partial class Devices
{
    /// <summary>An HTTP server on Kestrel over a TCP layer (upstream's <c>paf_server</c>).</summary>
    public static Impl<HttpServer> PafServer(Impl<TcpV4V6> tcp) => new(Catalogue.PafServer(tcp.Impl));

    /// <summary>The same server over a whole stack (upstream's <c>cohttp_server</c>).</summary>
    public static Impl<HttpServer> CohttpServer(Impl<StackV4V6> stack) => new(Catalogue.CohttpServer(stack.Impl));
}
