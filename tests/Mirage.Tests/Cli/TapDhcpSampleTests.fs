/// The network and dns samples with --net=direct --dhcp=true end to end: dnsmasq, Linux's DHCP and DNS server, runs
/// in a network namespace beside a TAP device and gives the unikernel its address and itself as DNS server; the test
/// reads dnsmasq's lease file and reaches the leased address with Linux's ping and nc, and the dns sample, given no
/// --dns-servers, resolves a name only dnsmasq knows through its lease. Needs root (as CI has).
module Mirage.Tests.Cli.TapDhcpSampleTests

open System
open System.IO
open System.Text.RegularExpressions
open System.Threading
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TapNamespace
open Mirage.Tests.Cli.NetworkSampleTests

let private dnsmasq =
    [ "/usr/sbin/dnsmasq"; "/usr/bin/dnsmasq" ] |> List.tryFind File.Exists

/// dnsmasq on `tap` inside `ns`: the DHCP server, leasing 10.78.0.50-59 through 10.78.0.1 with itself (10.78.0.1) as
/// the DNS server, and that DNS server, knowing only lease.test (10.78.0.99) and logging the queries.
let private dhcpServer ns (tap: string) (leases: string) (dnsmasq: string) =
    new Service(
        "ip",
        [
            "netns"
            "exec"
            ns
            dnsmasq
            "--keep-in-foreground"
            "--log-facility=-"
            "--log-dhcp"
            "--no-resolv"
            "--no-hosts"
            "--local=/test/"
            "--address=/lease.test/10.78.0.99"
            "--log-queries"
            $"--interface={tap}"
            "--bind-interfaces"
            "--dhcp-range=10.78.0.50,10.78.0.59,255.255.255.0,1h"
            "--dhcp-option=option:router,10.78.0.1"
            "--dhcp-option=option:dns-server,10.78.0.1"
            $"--dhcp-leasefile={leases}"
            "--dhcp-authoritative"
            "--no-ping"
            "--user="
            "--pid-file="
            "--conf-file=/dev/null"
        ]
    )

let private leased =
    Regex @"DHCP lease (10\.78\.0\.5\d)/24 gateway 10\.78\.0\.1 from 10\.78\.0\.1"

/// The address the unikernel logged as leased.
let private leasedIn (lines: string seq) =
    lines
    |> Seq.tryPick (fun l ->
        let m = leased.Match l
        if m.Success then Some m.Groups[1].Value else None)

let private networkDhcp =
    testCase
        "network with --net=direct --dhcp=true: dnsmasq leases it an address (lease file), Linux pings it and nc reaches it"
    <| fun () ->
        match dnsmasq with
        | Some dnsmasq when available () ->
            let binary =
                buildWith "config.fsx" [ "--net=direct"; "--dhcp=true" ] "network" "unix"

            use temp = new TempDir()
            let leases = Path.Combine(temp.Path, "dnsmasq.leases")

            inTapNamespace "dtap" (fun ns tap ->
                use server = dhcpServer ns tap leases dnsmasq
                server.WaitFor "DHCP, IP range 10.78.0.50"

                use service =
                    new Service("ip", [ "netns"; "exec"; ns; binary; $"--interface={tap}"; "--port=8080" ])

                service.WaitFor "listening on TCP port 8080"

                let address = leasedIn service.Lines

                Expect.isSome address $"the lease is logged: address, /24 and gateway\n{service.Output}"
                let address = address.Value
                server.WaitFor $"DHCPACK({tap}) {address}"

                // dnsmasq writes its lease file once it acks: "<expiry> <mac> <address> <name> <client id>".
                let clock = Diagnostics.Stopwatch.StartNew()

                let leaseLine () =
                    if File.Exists leases then
                        File.ReadAllLines leases |> Array.tryFind (fun l -> l.Split(' ')[2] = address)
                    else
                        None

                while (leaseLine ()).IsNone && clock.Elapsed < TimeSpan.FromSeconds 5.0 do
                    Thread.Sleep 20

                let line = leaseLine ()
                Expect.isSome line $"dnsmasq's lease file holds {address}\n{server.Output}"

                Expect.isMatch
                    (line.Value.Split(' ')[1])
                    "^([0-9a-f]{2}:){5}[0-9a-f]{2}$"
                    "leased to an Ethernet address"

                let ping = inNamespace ns "ping" [ "-c"; "1"; "-W"; "5"; address ]
                Expect.equal ping.ExitCode 0 $"Linux pings the leased address\n{ping}\n{service.Output}"

                let nc =
                    run "" "sh" [ "-c"; $"printf %%s hello-dhcp | ip netns exec {ns} nc -w 5 {address} 8080" ]

                Expect.equal nc.ExitCode 0 $"nc over TCP to the leased address\n{nc}\n{service.Output}"
                service.WaitFor "read 10 bytes: hello-dhcp"
                Expect.isEmpty service.Complaints $"no error or warning\n{service.Output}"
                Expect.equal (service.Stop()) 130 "stops on SIGINT")
        | _ -> skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv and dnsmasq"

let private dnsDhcp =
    testCase
        "dns with --net=direct --dhcp=true and no --dns-servers: resolves a name only dnsmasq knows through the DNS server of its lease"
    <| fun () ->
        match dnsmasq with
        | Some dnsmasq when available () ->
            let binary = buildWith "config.fsx" [ "--net=direct"; "--dhcp=true" ] "dns" "unix"

            use temp = new TempDir()

            inTapNamespace "ltap" (fun ns tap ->
                use server = dhcpServer ns tap (Path.Combine(temp.Path, "dnsmasq.leases")) dnsmasq

                server.WaitFor "DHCP, IP range 10.78.0.50"

                let result =
                    run
                        ""
                        "ip"
                        [
                            "netns"
                            "exec"
                            ns
                            binary
                            $"--interface={tap}"
                            "--domain-name=lease.test"
                        ]

                Expect.equal
                    result.ExitCode
                    0
                    $"resolved
{result}
{server.Output}"

                let address = leasedIn result.StdoutLines

                Expect.isSome
                    address
                    $"the lease is logged
{result}"

                Expect.stringContains
                    result.Stdout
                    "lease.test: 10.78.0.99"
                    $"dnsmasq's answer
{result}"
                // dnsmasq saw the question come from the leased address: the lease's DNS server was asked.
                server.WaitFor $"query[A] lease.test from {address.Value}")
        | _ -> skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv and dnsmasq"

[<Tests>]
let tests = sampleTests "Cli.network-dhcp" [ networkDhcp; dnsDhcp ]
