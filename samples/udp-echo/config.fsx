// Echoes every UDP datagram back to its sender, on our own stack over a TAP interface (IPv4 and
// IPv6, ping-able): `./dist/udp-echo --interface=tap0 --ipv4=10.0.0.2/24`, then `nc -u 10.0.0.2 7`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let port =
    runtime_arg ("port", Runtime_arg.port 7, doc = "The UDP port to echo on.")

let main = main ("Unikernel.UdpEcho", udpv4v6 @-> job, runtime_args = [ port ])

let net = default_network
let eth = ethif net
let ipv4 = create_ipv4 (eth, arp eth)
let ipv6 = create_ipv6 (net, eth)

register ("udp-echo", [ main $ direct_udp (create_ipv4v6 (ipv4, ipv6)) ])
