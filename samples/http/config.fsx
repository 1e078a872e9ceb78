// An HTTP server like upstream's minipaf: `/` text, `/random` (x-length bytes from x-seed),
// `/hash` (their SHA-256), `/transmit` (echoes the body). HTTP/1.1 on --port, h2c on --h2c-port,
// and with --cert/--key, HTTPS with h2 and http/1.1 by ALPN on --tls-port.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let port =
    runtime_arg ("port", Runtime_arg.port 8080, doc = "The port for HTTP/1.1.")

let h2c_port =
    runtime_arg ("h2c-port", Runtime_arg.port 8081, doc = "The port for HTTP/2 in clear (prior knowledge).")

let tls_port =
    runtime_arg ("tls-port", Runtime_arg.port 4343, doc = "The port for HTTPS (with --cert and --key).")

let cert =
    runtime_arg ("cert", Runtime_arg.opt_string, doc = "The server's certificate chain (PEM file).")

let key =
    runtime_arg ("key", Runtime_arg.opt_string, doc = "The server's private key (PEM file).")

let main =
    main ("Unikernel.Http", http_server @-> job, runtime_args = [ port; h2c_port; tls_port; cert; key ])

let stack = generic_stackv4v6 ()

register ("http", [ main $ paf_server (tcpv4v6_of_stackv4v6 $ stack) ])
