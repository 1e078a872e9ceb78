/// Loopback for network tests: free ports, and the socket stack bound to 127.0.0.0/8 and ::1.
module Mirage.Tests.Support.Loopback

open System
open System.Net
open System.Net.Sockets
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Sockets

/// A port nobody listens on right now, on IPv4 or IPv6 (the kernel's pick for a dual-mode bind).
let freePort () =
    use probe = new TcpListener(IPAddress.IPv6Any, 0)
    probe.Server.DualMode <- true
    probe.Start()
    let port = (probe.LocalEndpoint :?> IPEndPoint).Port
    probe.Stop()
    port

/// Whether something accepts TCP on 127.0.0.1:`port` now.
let accepts (port: int) =
    try
        use probe = new TcpClient()
        probe.Connect(IPAddress.Loopback, port)
        true
    with :? SocketException ->
        false

/// Polls `ready ()` every 20 ms until it holds, `server` exits, or 10 s pass; says whether it held.
let waitStarted (server: Diagnostics.Process) (ready: unit -> bool) =
    let deadline = Diagnostics.Stopwatch.StartNew()
    let mutable started = ready ()

    while not started
          && deadline.Elapsed < TimeSpan.FromSeconds 10.0
          && not server.HasExited do
        Threading.Thread.Sleep 20
        started <- ready ()

    started

/// Starts `command args` (keeping its stderr) and waits until `ready ()`; fails naming `what`, `port` and what it said if it does not.
let startServer (what: string) (port: int) (command: string) (args: string list) (ready: unit -> bool) =
    let info =
        Diagnostics.ProcessStartInfo(command, args, UseShellExecute = false, RedirectStandardError = true)

    let proc = Diagnostics.Process.Start info

    if not (waitStarted proc ready) then
        let error =
            if proc.HasExited then
                proc.StandardError.ReadToEnd()
            else
                "no answer"

        failwith $"{what} did not start on port {port}: {error}"

    proc

/// The socket stack's options on loopback, both families.
let stackOptions =
    SocketStackOptions.Create(
        IpPrefix(IPAddress.Loopback, 8),
        Nullable(IpPrefix(IPAddress.IPv6Loopback, 128)),
        false,
        false
    )

/// A socket stack on loopback.
let stack () = SocketStack.Connect stackOptions
