// Listens on a TCP port, logs each connection with the peer's address, reads once and closes
// (mirage-skeleton's device-usage/network). `./dist/network --port=8080`, then `nc localhost 8080`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let port =
    runtime_arg ("port", Runtime_arg.port 8080, doc = "The TCP port to listen on.")

let main = main ("Unikernel.Network", stackv4v6 @-> job, runtime_args = [ port ])

register ("network", [ main $ generic_stackv4v6 () ])
