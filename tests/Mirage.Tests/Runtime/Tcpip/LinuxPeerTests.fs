/// Real Linux peers: a network namespace with our TAP device in it, Linux's ping, nc and dnsmasq on the
/// other side. The tests create and remove their namespaces; they need root (as CI has) and are skipped
/// without it.
module Mirage.Tests.Runtime.Tcpip.LinuxPeerTests

open System
open System.Diagnostics
open System.IO
open System.Net
open System.Security.Cryptography
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Icmp
open Mirage.Runtime.Tcpip.Ipv4
open Mirage.Runtime.Tcpip.Ipv6
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Tests.Runtime.Tcpip.Support
open Mirage.Tests.Runtime.Tcpip.TcpSupport

/// Runs a command to its end (at most 20 s): exit code and standard output.
let private run (file: string) (args: string list) (input: string option) =
    let info =
        ProcessStartInfo(
            file,
            args,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input.IsSome
        )

    use proc = Process.Start info

    match input with
    | Some text ->
        proc.StandardInput.Write text
        proc.StandardInput.Close()
    | None -> ()

    let out = proc.StandardOutput.ReadToEndAsync()
    let err = proc.StandardError.ReadToEndAsync()

    if not (proc.WaitForExit 20_000) then
        proc.Kill true

    proc.WaitForExit()
    proc.ExitCode, out.Result + err.Result

let private ip' args = run "ip" args None |> ignore

let private inNs ns (file: string) args =
    run "ip" ([ "netns"; "exec"; ns; file ] @ args) None

let private available () =
    Environment.UserName = "root"
    && File.Exists "/dev/net/tun"
    && [ "/usr/bin/ping"; "/usr/bin/nc"; "/usr/sbin/dnsmasq" ]
       |> List.forall File.Exists

/// A namespace <paramref name="ns"/> holding TAP device <paramref name="tap"/> (ours, opened before the move) with
/// the Linux side's addresses; removed, with the device, by the returned cleanup.
let private withNamespace (ns: string) (tap: string) (linuxV4: string) (linuxV6: string option) =
    ip' [ "netns"; "del"; ns ]
    ip' [ "netns"; "add"; ns ]
    let netif = LinuxNetifs.OpenTap tap
    ip' [ "link"; "set"; tap; "netns"; ns ]
    inNs ns "ip" [ "link"; "set"; "lo"; "up" ] |> ignore
    inNs ns "ip" [ "addr"; "add"; linuxV4; "dev"; tap ] |> ignore

    match linuxV6 with
    | Some v6 -> inNs ns "ip" [ "-6"; "addr"; "add"; v6; "dev"; tap; "nodad" ] |> ignore
    | None -> ()

    inNs ns "ip" [ "link"; "set"; tap; "up" ] |> ignore
    netif

/// Linux in <paramref name="ns"/> pings us at <paramref name="v4"/> and <paramref name="v6"/>, once our IPv6
/// addresses are past duplicate address detection.
let private linuxPingsUs ns (v4: string) (v6: string) (stack: DirectStack) =
    task {
        let! ready = waitUntil 5.0 (fun () -> stack.Ipv6.ConfiguredAddresses.Count >= 2)
        Expect.isTrue ready "IPv6 addresses past duplicate address detection"
        let code4, out4 = inNs ns "ping" [ "-c"; "3"; "-W"; "2"; v4 ]
        Expect.equal code4 0 $"ping {v4}: {out4}"
        let code6, out6 = inNs ns "ping" [ "-6"; "-c"; "3"; "-W"; "2"; v6 ]
        Expect.equal code6 0 $"ping -6 {v6}: {out6}"
    }

let private cleanup (ns: string) (stack: DirectStack) =
    task {
        do! stack.DisposeAsync()
        ip' [ "netns"; "del"; ns ]
    }

/// How many bytes the TCP test moves each way with Linux's nc: MIRAGE_TAP_TRANSFER_MB (bench/tap-nc.sh sets 1024),
/// else 100 MiB.
let private transferBytes () =
    match Environment.GetEnvironmentVariable "MIRAGE_TAP_TRANSFER_MB" with
    | NonNull text when text <> "" -> int64 (int text) <<< 20
    | _ -> 100L <<< 20

/// Prints how fast `size` bytes went `way`, for bench/tap-nc.sh (only when it sets the size).
let private report (way: string) (size: int64) (watch: Stopwatch) (stack: DirectStack) =
    if not (String.IsNullOrEmpty(Environment.GetEnvironmentVariable "MIRAGE_TAP_TRANSFER_MB")) then
        let seconds = watch.Elapsed.TotalSeconds
        let stats = stack.Netif.Stats

        printfn
            $"TAP nc {way}: {size >>> 20} MiB in {seconds:F1} s, {float (size * 8L) / seconds / 1e9:F2} Gbit/s (so far: TCP {stack.Tcp.Counters}; frames in {stats.RxPackets}, out {stats.TxPackets}, dropped in {stats.RxDropped}, out {stats.TxDropped})"

/// Writes `size` pseudo-random bytes to `flow` in 1 MiB writes; returns their SHA-256 (lower-case hex).
let private writeRandom (flow: ITcpFlow) (size: int64) =
    task {
        use hash = IncrementalHash.CreateHash HashAlgorithmName.SHA256
        let random = Random 13
        let mutable left = size

        while left > 0L do
            // A fresh buffer each time: the flow may still hold the last one once the write completes.
            let chunk = Array.zeroCreate<byte>(int (min left (1L <<< 20)))
            random.NextBytes chunk
            hash.AppendData chunk
            let! written = flow.WriteAsync(ReadOnlyMemory chunk)
            Expect.isNull (box written) "written"
            left <- left - int64 chunk.Length

        return Convert.ToHexStringLower(hash.GetHashAndReset())
    }

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Tcpip.LinuxPeers"
        [
            testTask "Linux pings us over TAP (IPv4 and IPv6), nc -u gets its datagram echoed, and we ping Linux" {
                if not (available ()) then
                    skiptest "needs root, /dev/net/tun, ping, nc and dnsmasq"

                let ns = $"mtcp{Environment.ProcessId % 10000}"
                let tap = $"mtap{Environment.ProcessId % 10000}"
                let netif = withNamespace ns tap "10.77.0.1/24" (Some "fd77::1/64")

                let options =
                    DirectStackOptions(
                        Ipv4 = Ipv4Config(prefix "10.77.0.2/24", ip "10.77.0.1"),
                        Ipv6 = Ipv6Config(Nullable(prefix "fd77::2/64"))
                    )

                let! (stack: DirectStack) = DirectStack.ConnectAsync(netif, options)

                try
                    stack.Udp.Listen(
                        7,
                        UdpHandler(fun d ->
                            let copy = d.Payload.ToArray()

                            task {
                                let! _ =
                                    stack.Udp.WriteAsync(
                                        IPEndPoint(d.Source, d.SourcePort),
                                        ReadOnlyMemory copy,
                                        d.Destination,
                                        7
                                    )

                                return ()
                            }
                            |> ValueTask)
                    )
                    |> ignore

                    do! linuxPingsUs ns "10.77.0.2" "fd77::2" stack

                    let codeNc, outNc =
                        run
                            "ip"
                            [ "netns"; "exec"; ns; "nc"; "-u"; "-w"; "2"; "10.77.0.2"; "7" ]
                            (Some "hello from linux\n")

                    Expect.stringContains outNc "hello from linux" $"nc -u got its echo (exit {codeNc})"

                    let! (rtt: Nullable<TimeSpan>) =
                        EchoClient.Connect(stack.Ip).PingAsync(ip "10.77.0.1", timeout = TimeSpan.FromSeconds 2.0)

                    Expect.isTrue rtt.HasValue "Linux answers our ping"

                    let! (rtt6: Nullable<TimeSpan>) =
                        EchoClient.Connect(stack.Ip).PingAsync(ip "fd77::1", timeout = TimeSpan.FromSeconds 2.0)

                    Expect.isTrue rtt6.HasValue "Linux answers our IPv6 ping"
                finally
                    (cleanup ns stack).Wait()
            }

            testTask
                "over AF_PACKET on one end of a veth pair, Linux in a namespace at the other end pings us (both families) and we ping it" {
                if not (available ()) then
                    skiptest "needs root, /dev/net/tun, ping, nc and dnsmasq"

                let ns = $"mveth{Environment.ProcessId % 10000}"
                let ours = $"mva{Environment.ProcessId % 10000}"
                let linux = $"mvb{Environment.ProcessId % 10000}"
                ip' [ "netns"; "del"; ns ]
                ip' [ "link"; "del"; ours ]
                ip' [ "netns"; "add"; ns ]
                ip' [ "link"; "add"; ours; "type"; "veth"; "peer"; "name"; linux ]
                ip' [ "link"; "set"; linux; "netns"; ns ]
                // Our end carries no address of the host's: the host's own IPv6 stays off it.
                run "sysctl" [ "-q"; "-w"; $"net.ipv6.conf.{ours}.disable_ipv6=1" ] None
                |> ignore

                ip' [ "link"; "set"; ours; "up" ]
                inNs ns "ip" [ "link"; "set"; "lo"; "up" ] |> ignore
                inNs ns "ip" [ "addr"; "add"; "10.79.0.1/24"; "dev"; linux ] |> ignore

                inNs ns "ip" [ "-6"; "addr"; "add"; "fd79::1/64"; "dev"; linux; "nodad" ]
                |> ignore

                inNs ns "ip" [ "link"; "set"; linux; "up" ] |> ignore

                let options =
                    DirectStackOptions(
                        Ipv4 = Ipv4Config(prefix "10.79.0.2/24", ip "10.79.0.1"),
                        Ipv6 = Ipv6Config(Nullable(prefix "fd79::2/64"))
                    )

                let! (stack: DirectStack) =
                    DirectStack.ConnectAsync(LinuxNetifs.OpenPacket ours, options)

                try
                    do! linuxPingsUs ns "10.79.0.2" "fd79::2" stack

                    let! (rtt: Nullable<TimeSpan>) =
                        EchoClient.Connect(stack.Ip).PingAsync(ip "10.79.0.1", timeout = TimeSpan.FromSeconds 2.0)

                    Expect.isTrue rtt.HasValue "Linux answers our ping"
                finally
                    (task {
                        do! stack.DisposeAsync()
                        ip' [ "link"; "del"; ours ]
                        ip' [ "netns"; "del"; ns ]
                    })
                        .Wait()
            }

            testTask "dnsmasq gives us an address over DHCP; its lease names us and Linux pings that address" {
                if not (available ()) then
                    skiptest "needs root, /dev/net/tun, ping, nc and dnsmasq"

                let ns = $"mdhcp{Environment.ProcessId % 10000}"
                let tap = $"mdtap{Environment.ProcessId % 10000}"
                let leases = Path.Combine(Path.GetTempPath(), $"{ns}.leases")
                File.Delete leases
                let netif = withNamespace ns tap "10.78.0.1/24" None

                let dnsmasq =
                    Process.Start(
                        ProcessStartInfo(
                            "ip",
                            [
                                "netns"
                                "exec"
                                ns
                                "dnsmasq"
                                "--no-daemon"
                                "--conf-file=/dev/null"
                                "--port=0"
                                $"--interface={tap}"
                                "--bind-interfaces"
                                "--dhcp-range=10.78.0.50,10.78.0.60,255.255.255.0,2m"
                                $"--dhcp-leasefile={leases}"
                                "--dhcp-option=3,10.78.0.1"
                                "--dhcp-option=6,10.78.0.53"
                            ],
                            RedirectStandardError = true,
                            RedirectStandardOutput = true
                        )
                    )

                try
                    let! (stack: DirectStack) =
                        DirectStack.ConnectAsync(
                            netif,
                            DirectStackOptions(Dhcp = true, DhcpTimeout = TimeSpan.FromSeconds 20.0)
                        )

                    try
                        let lease = stack.Lease
                        let address = lease.Address.Address
                        Expect.isTrue ((prefix "10.78.0.0/24").Contains address) $"an address of the range: {address}"
                        Expect.equal lease.Address.Length 24 "a /24"
                        Expect.equal lease.Gateway (ip "10.78.0.1") "the gateway"
                        Expect.contains lease.DnsServers (ip "10.78.0.53") "the DNS server"

                        let! written =
                            waitUntil 5.0 (fun () ->
                                File.Exists leases && File.ReadAllText(leases).Contains(string address))

                        Expect.isTrue written "dnsmasq recorded the lease"

                        Expect.stringContains
                            (File.ReadAllText leases)
                            (string stack.Netif.Mac)
                            "for our Ethernet address"

                        let code, out = inNs ns "ping" [ "-c"; "2"; "-W"; "2"; string address ]
                        Expect.equal code 0 $"ping {address}: {out}"
                    finally
                        (cleanup ns stack).Wait()
                finally
                    dnsmasq.Kill true
                    dnsmasq.WaitForExit()
                    ip' [ "netns"; "del"; ns ]
                    File.Delete leases
            }

            testTask
                "TCP with Linux over TAP: nc both ways (100 MiB), hash checked; tcpdump sees MSS 1460, wscale and SACK in our SYN" {
                if
                    not (
                        available ()
                        && (File.Exists "/usr/bin/tcpdump" || File.Exists "/usr/sbin/tcpdump")
                    )
                then
                    skiptest "needs root, /dev/net/tun, nc and tcpdump"

                let ns = $"mtcpt{Environment.ProcessId % 10000}"
                let tap = $"mtapt{Environment.ProcessId % 10000}"
                let netif = withNamespace ns tap "10.79.0.1/24" None

                let options =
                    DirectStackOptions(Ipv4 = Ipv4Config(prefix "10.79.0.2/24", ip "10.79.0.1"), Ipv4Only = true)

                let! (stack: DirectStack) = DirectStack.ConnectAsync(netif, options)
                let size = transferBytes ()
                // Bounded in time: at least 60 s, more for sizes beyond what the suite moves.
                let seconds = 60L + size / (10L <<< 20)

                let shell (command: string) =
                    Process.Start(
                        ProcessStartInfo(
                            "ip",
                            [ "netns"; "exec"; ns; "bash"; "-c"; command ],
                            RedirectStandardOutput = true,
                            RedirectStandardError = true
                        )
                    )

                try
                    // Linux receives: its nc hashes what we send.
                    let capture =
                        shell
                            $"timeout 30 tcpdump -i {tap} -n -v -c 1 'tcp[tcpflags] & tcp-syn != 0 and src host 10.79.0.2'"

                    let receiver = shell $"timeout {seconds} nc -d -l 10.79.0.1 5555 | sha256sum"
                    do! Task.Delay 1500

                    let! connected =
                        stack.Tcp.CreateConnectionAsync(
                            IPEndPoint(ip "10.79.0.1", 5555),
                            timeout = TimeSpan.FromSeconds 10.0
                        )

                    Expect.isNull (box connected.Error) "connected to Linux"
                    let flow = connected.Flow
                    let watch = Stopwatch.StartNew()
                    let! hash = writeRandom flow size
                    do! flow.CloseAsync()
                    let! received = receiver.StandardOutput.ReadToEndAsync()
                    receiver.WaitForExit()
                    report "us -> Linux" size watch stack
                    Expect.stringStarts received hash "Linux got every byte"
                    let! syn = capture.StandardOutput.ReadToEndAsync()
                    capture.WaitForExit()
                    Expect.stringContains syn "mss 1460" $"MSS in our SYN: {syn}"
                    Expect.stringContains syn "wscale 7" "window scale"
                    Expect.stringContains syn "sackOK" "SACK-permitted"

                    // Linux sends: we hash what its nc sends; tee hands the same bytes to sha256sum.
                    let got = hashFirstFlow stack.Tcp 5556

                    let watch = Stopwatch.StartNew()

                    let sender =
                        shell
                            $"head -c {size} /dev/urandom | tee >(sha256sum >&2) | timeout {seconds} nc -N 10.79.0.2 5556"

                    let! (count: int64), (ours: string) =
                        got.WaitAsync(TimeSpan.FromSeconds(float seconds))

                    let! sent = sender.StandardError.ReadToEndAsync()
                    sender.WaitForExit()
                    report "Linux -> us" size watch stack
                    Expect.equal count size "we got as many bytes as Linux sent"
                    Expect.stringStarts sent (ours.ToLowerInvariant()) "we got every byte Linux sent"
                finally
                    (cleanup ns stack).Wait()
            }
        ]
