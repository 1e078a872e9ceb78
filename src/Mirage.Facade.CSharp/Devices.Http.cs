using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>HTTP servers over a TCP layer (upstream's <c>http_server</c>).</summary>
    public static readonly Typ<HttpServer> HttpServer = ModuleTypes.HttpServer;

    /// <summary>Connections over a stack, in clear or with TLS (upstream's <c>conduit</c>).</summary>
    public static readonly Typ<Conduit> Conduit = ModuleTypes.Conduit;

    /// <summary>HTTP servers over a conduit (upstream's <c>http</c>).</summary>
    public static readonly Typ<Http> Http = ModuleTypes.Http;
}

public static partial class Devices
{
    /// <summary>An HTTP server on Kestrel over a TCP layer (upstream's <c>paf_server</c>).</summary>
    public static Impl<HttpServer> PafServer(Impl<TcpV4V6> tcp) => Catalogue.PafServer(tcp);

    /// <summary>
    /// Connections over <paramref name="stack"/>, with TLS when <paramref name="tls"/> is true
    /// (upstream's <c>conduit_direct ?tls stack</c>). A conduit without TLS refuses TLS endpoints.
    /// </summary>
    public static Impl<Conduit> ConduitDirect(Impl<StackV4V6> stack, bool tls = false) =>
        Catalogue.ConduitDirect(stack, tls);

    /// <summary>The same server over a conduit (upstream's <c>cohttp_server</c>): HTTPS needs a conduit with TLS.</summary>
    public static Impl<Http> CohttpServer(Impl<Conduit> conduit) => Catalogue.CohttpServer(conduit);
}
