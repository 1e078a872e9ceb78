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

type Server(port: int, proc: Process) =
    member _.Port = port
    member _.Udp = $"udp:127.0.0.1:{port}"
    member _.Tcp = $"tcp:127.0.0.1:{port}"

    interface IDisposable with
        member _.Dispose() =
            if not proc.HasExited then
                proc.Kill()
                proc.WaitForExit 5000 |> ignore

            proc.Dispose()

/// Starts dnsmasq (found on PATH or in /usr/sbin) and waits until it accepts TCP.
let start (extra: string list) =
    let port = Loopback.freePort ()

    let file =
        if IO.File.Exists "/usr/sbin/dnsmasq" then
            "/usr/sbin/dnsmasq"
        else
            "dnsmasq"

    let args =
        [
            "--keep-in-foreground"
            "--no-resolv"
            "--no-hosts"
            "--local=/test/"
            "--bind-interfaces"
            "--listen-address=127.0.0.1"
            $"--port={port}"
            "--user="
            "--pid-file="
            "--conf-file=/dev/null"
        ]
        @ records
        @ extra

    let info =
        ProcessStartInfo(file, args, UseShellExecute = false, RedirectStandardError = true)

    let proc = Process.Start info
    let deadline = Stopwatch.StartNew()
    let mutable ready = false

    while not ready && deadline.Elapsed < TimeSpan.FromSeconds 10.0 && not proc.HasExited do
        try
            use probe = new TcpClient()
            probe.Connect(IPAddress.Loopback, port)
            ready <- true
        with :? SocketException ->
            Thread.Sleep 20

    if not ready then
        let error =
            if proc.HasExited then
                proc.StandardError.ReadToEnd()
            else
                "no answer"

        failwith $"dnsmasq did not start on port {port}: {error}"

    new Server(port, proc)
