// A static website over HTTPS (mirage-skeleton's applications/static_website_tls): the files of
// htdocs/ on --https (443), with HSTS; plain HTTP on --http (80) answers 301 to the same path over
// HTTPS. htdocs/ and the certificate in tls/ (server.pem, server.key) are two kv_ro stores, each
// embedded when built or read when run: `mirage configure --data-kv_ro=crunch|direct
// --certs-kv_ro=crunch|direct` (crunch by default). The self-signed localhost certificate in tls/ is
// for local trials only: put your own there.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let http_port =
    runtime_arg ("http", Runtime_arg.port 80, doc = "Listening HTTP port.")

let https_port =
    runtime_arg ("https", Runtime_arg.port 443, doc = "Listening HTTPS port.")

let stack = generic_stackv4v6 ()

let data = generic_kv_ro ("htdocs", group = "data")

// Set tls = false to get a plain-HTTP server: the HTTPS port then fails to start, saying why.
let https_srv = cohttp_server (conduit_direct (stack, tls = true))

let certs = generic_kv_ro ("tls", group = "certs")

let main =
    main ("Dispatch.Https", kv_ro @-> kv_ro @-> http @-> job, runtime_args = [ http_port; https_port ])

register ("static_website_tls", [ main $ data $ certs $ https_srv ])
