namespace Mirage

open Mirage.Devices

/// The module type of HTTP servers (upstream's <c>http_server</c>).
[<AbstractClass; Sealed>]
type http_server = class end

/// HTTP servers on Kestrel over a Mirage stack: <c>paf_server tcp</c>, <c>cohttp_server stack</c>.
[<AutoOpen>]
module HttpDevices =
    let private httpServerTyp = typ<http_server> ModuleTypes.HttpServer

    type Dsl with
        /// HTTP servers.
        static member http_server: http_server typ = httpServerTyp

        /// <summary>
        /// An HTTP server (HTTP/1.1, h2c, TLS with ALPN) on Kestrel over <paramref name="tcp"/>
        /// (upstream's <c>paf_server</c>).
        /// </summary>
        static member paf_server(tcp: tcpv4v6 impl) : http_server impl =
            impl<http_server> (Catalogue.PafServer tcp.Impl)

        /// The same server over a whole stack (upstream's <c>cohttp_server</c>).
        static member cohttp_server(stack: stackv4v6 impl) : http_server impl =
            impl<http_server> (Catalogue.CohttpServer stack.Impl)
