/// A real DNS server for tests: dnsmasq on 127.0.0.1 at a free port, answering only from its
/// command line (no upstream, no /etc/hosts), stopped when disposed.
module Mirage.Tests.Support.Dnsmasq

open System
open System.Diagnostics
open System.Net
open System.Net.Sockets
open System.Threading

/// The names every test server knows.
let records =
    [
        "--address=/example.test/10.1.2.3"
        "--host-record=dual.test,127.0.0.1,::1"
        "--host-record=web.test,127.0.0.1"
        "--cname=alias.test,web.test"
        "--mx-host=mx.test,mail.example.test,10"
        "--srv-host=_http._tcp.web.test,web.test,8080,1,2"
        "--txt-record=txt.test,hello world"
    ]
    // Enough TXT data that a UDP answer without EDNS (512 octets) must be truncated.
    @ [
        for i in 1..12 -> $"--txt-record=big.test,{String('a' + char (i % 26), 200)}"
    ]

/// A running dnsmasq answering on `address` (IPv4):`port`.
type Server(address: string, port: int, proc: Process) =
    member _.Port = port
    member _.Udp = $"udp:{address}:{port}"
    member _.Tcp = $"tcp:{address}:{port}"

    interface IDisposable with
        member _.Dispose() =
            if not proc.HasExited then
                proc.Kill()
                proc.WaitForExit 5000 |> ignore

            proc.Dispose()

/// dnsmasq's path: /usr/sbin/dnsmasq, else found on PATH.
let private file =
    if IO.File.Exists "/usr/sbin/dnsmasq" then
        "/usr/sbin/dnsmasq"
    else
        "dnsmasq"

/// dnsmasq's arguments: in the foreground, answering on `address`:`port` from `records` and `extra` only.
let private arguments (address: string) (port: int) (extra: string list) =
    [
        "--keep-in-foreground"
        "--no-resolv"
        "--no-hosts"
        "--local=/test/"
        "--bind-interfaces"
        $"--listen-address={address}"
        $"--port={port}"
        "--user="
        "--pid-file="
        "--conf-file=/dev/null"
    ]
    @ records
    @ extra

/// Starts `command args` and waits (up to 10 s) until `accepts ()` says dnsmasq answers TCP.
let private startWith (command: string) (args: string list) (address: string) (port: int) (accepts: unit -> bool) =
    let proc = Loopback.startServer "dnsmasq" port command args accepts
    new Server(address, port, proc)

/// Starts dnsmasq on 127.0.0.1 at a free port and waits until it accepts TCP.
let start (extra: string list) =
    let port = Loopback.freePort ()
    startWith file (arguments "127.0.0.1" port extra) "127.0.0.1" port (fun () -> Loopback.accepts port)

/// Starts dnsmasq inside the network namespace `ns` on `address`, port 53, and waits until
/// `accepts address 53` (a probe from inside the namespace) says it answers TCP. Needs root.
let startIn (ns: string) (address: string) (accepts: string -> int -> bool) (extra: string list) =
    startWith "ip" ([ "netns"; "exec"; ns; file ] @ arguments address 53 extra) address 53 (fun () ->
        accepts address 53)
