/// A network namespace holding a TAP device, for the samples on our own stack: the test creates it, runs the
/// unikernel and Linux's tools inside it, and removes it. Needs root.
module Mirage.Tests.Support.TapNamespace

open System
open System.IO
open Mirage.Tests.Support.Processes

/// Root, /dev/net/tun and the tools these tests use (ping, nc, ip, setpriv).
let available () =
    Environment.UserName = "root"
    && File.Exists "/dev/net/tun"
    && [ "/usr/bin/ping"; "/usr/bin/nc"; "/usr/sbin/ip"; "/usr/bin/setpriv" ]
       |> List.forall File.Exists

/// Runs `ip args`, ignoring how it ends.
let quiet (args: string list) = run "" "ip" args |> ignore

/// A namespace holding a persistent TAP device whose Linux side has 10.78.0.1/24 and fd78::1/64.
let withTap (ns: string) (tap: string) =
    quiet [ "netns"; "del"; ns ]
    quiet [ "netns"; "add"; ns ]

    let inNs args =
        quiet ([ "netns"; "exec"; ns; "ip" ] @ args)

    inNs [ "tuntap"; "add"; "dev"; tap; "mode"; "tap" ]
    inNs [ "link"; "set"; "lo"; "up" ]
    inNs [ "addr"; "add"; "10.78.0.1/24"; "dev"; tap ]
    inNs [ "-6"; "addr"; "add"; "fd78::1/64"; "dev"; tap; "nodad" ]
    inNs [ "link"; "set"; tap; "up" ]

/// Runs `file args` inside the namespace `ns`.
let inNamespace ns (file: string) (args: string list) =
    run "" "ip" ([ "netns"; "exec"; ns; file ] @ args)

/// The arguments of `ip` that run the unikernel `binary` inside `ns` on `tap` as 10.78.0.2/24 (gateway 10.78.0.1),
/// followed by `args`.
let unikernelIn ns (tap: string) (binary: string) (args: string list) =
    [
        "netns"
        "exec"
        ns
        binary
        $"--interface={tap}"
        "--ipv4=10.78.0.2/24"
        "--ipv4-gateway=10.78.0.1"
    ]
    @ args

/// Whether a TCP server inside `ns` accepts connections on `address`:`port` (nc probes it from inside).
let acceptsIn ns (address: string) (port: int) =
    (inNamespace ns "nc" [ "-z"; "-w"; "1"; address; string port ]).ExitCode = 0

/// Waits (up to 10 s) until a server inside `ns` accepts on `address`:`port`; fails naming `what` otherwise.
let waitAcceptingIn ns (address: string) (port: int) (what: string) =
    let deadline = Diagnostics.Stopwatch.StartNew()

    while not (acceptsIn ns address port) do
        if deadline.Elapsed > TimeSpan.FromSeconds 10.0 then
            failwith $"{what} does not accept on {address}:{port} within 10 s"

        Threading.Thread.Sleep 20

/// Runs `body ns tap` with a new namespace and TAP device (named from `prefix` and the process id), as
/// `withTap` makes them, and removes the namespace afterwards.
let inTapNamespace (prefix: string) (body: string -> string -> unit) =
    let ns = $"m{prefix}{Environment.ProcessId % 10000}"
    let tap = $"{prefix}{Environment.ProcessId % 10000}"
    withTap ns tap

    try
        body ns tap
    finally
        quiet [ "netns"; "del"; ns ]
