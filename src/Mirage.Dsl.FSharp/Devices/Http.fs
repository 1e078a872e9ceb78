namespace Mirage

open Mirage.Devices

/// The module type of HTTP servers over a TCP layer (upstream's <c>http_server</c>, from <c>paf_server</c>).
type http_server = Mirage.CSharp.HttpServer

/// The module type of connections over a stack, in clear or with TLS (upstream's <c>conduit</c>).
type conduit = Mirage.CSharp.Conduit

/// The module type of HTTP servers over a conduit (upstream's <c>http</c>, from <c>cohttp_server</c>).
type http = Mirage.CSharp.Http

/// HTTP servers on Kestrel over a Mirage stack: <c>paf_server tcp</c>, <c>cohttp_server conduit</c>,
/// and their conduits: <c>conduit_direct (stack, tls = true)</c>.
[<AutoOpen>]
module HttpDevices =
    type Dsl with
        /// HTTP servers over a TCP layer.
        static member http_server: http_server typ = ModuleTypes.HttpServer

        /// Connections over a stack, in clear or with TLS.
        static member conduit: conduit typ = ModuleTypes.Conduit

        /// HTTP servers over a conduit.
        static member http: http typ = ModuleTypes.Http

        /// <summary>
        /// An HTTP server (HTTP/1.1, h2c, TLS with ALPN) on Kestrel over <paramref name="tcp"/>
        /// (upstream's <c>paf_server</c>).
        /// </summary>
        static member paf_server(tcp: tcpv4v6 impl) : http_server impl = Catalogue.PafServer tcp

        /// <summary>
        /// Connections over <paramref name="stack"/>, with TLS when <paramref name="tls"/> is true
        /// (upstream's <c>conduit_direct ~tls stack</c>; false by default). A conduit without TLS
        /// refuses TLS endpoints.
        /// </summary>
        static member conduit_direct(stack: stackv4v6 impl, ?tls: bool) : conduit impl =
            Catalogue.ConduitDirect(stack, defaultArg tls false)

        /// <summary>
        /// The same server as <c>paf_server</c> over <paramref name="conduit"/> (upstream's
        /// <c>cohttp_server</c>): HTTPS needs a conduit with TLS.
        /// </summary>
        static member cohttp_server(conduit: conduit impl) : http impl = Catalogue.CohttpServer conduit
