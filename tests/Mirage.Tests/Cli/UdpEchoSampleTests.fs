/// The udp-echo sample end to end: configured, built and run on our own stack over a TAP device in a
/// network namespace the test creates and removes; Linux's ping, ping -6 and nc -u are its peers. Bad
/// runtime arguments and a missing TAP device end it with a clear error. Needs root (as CI has).
module Mirage.Tests.Cli.UdpEchoSampleTests

open System
open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TapNamespace
open Mirage.Tests.Cli.NetworkSampleTests

let private echoOn target =
    testCase
        $"udp-echo on {target}: Linux pings it (both families), nc -u gets its echo; bad arguments exit 64, a missing TAP 1"
    <| fun () ->
        if not (available ()) then
            skiptest "needs root, /dev/net/tun, ip, ping, nc and setpriv"

        let binary = build "udp-echo" target
        let ns = $"mecho{Environment.ProcessId % 10000}"
        let tap = $"etap{Environment.ProcessId % 10000}"
        withTap ns tap

        try
            let args =
                [
                    $"--interface={tap}"
                    "--ipv4=10.78.0.2/24"
                    "--ipv4-gateway=10.78.0.1"
                    "--ipv6=fd78::2/64"
                ]

            (use service = new Service("ip", [ "netns"; "exec"; ns; binary ] @ args)
             service.WaitFor "echoing UDP on port 7"
             // IPv6 is answered once duplicate address detection has ended (about a second; longer under load).
             service.WaitFor "address fd78::2/64 is ours"
             let ping4 = inNamespace ns "ping" [ "-c"; "3"; "-W"; "2"; "10.78.0.2" ]
             Expect.equal ping4.ExitCode 0 $"ping 10.78.0.2\n{ping4}\n{service.Output}"
             let ping6 = inNamespace ns "ping" [ "-6"; "-c"; "3"; "-W"; "2"; "fd78::2" ]
             Expect.equal ping6.ExitCode 0 $"ping -6 fd78::2\n{ping6}\n{service.Output}"

             let nc =
                 run "" "sh" [ "-c"; $"echo hello-echo | ip netns exec {ns} nc -u -w 2 10.78.0.2 7" ]

             Expect.stringContains nc.Stdout "hello-echo" $"nc -u got its echo\n{nc}\n{service.Output}"
             Expect.isEmpty service.Complaints "no error or warning"
             Expect.equal (service.Stop()) 130 "stops on SIGINT")

            let outside =
                inNamespace ns binary [ $"--interface={tap}"; "--ipv4=10.78.0.2/24"; "--ipv4-gateway=192.168.1.1" ]

            Expect.equal outside.ExitCode 64 $"a gateway outside the network\n{outside}"

            Expect.stringContains
                (outside.Stdout + outside.Stderr)
                "--ipv4-gateway: 192.168.1.1 is outside the network 10.78.0.0/24"
                "names it"

            let badCidr =
                inNamespace ns binary [ $"--interface={tap}"; "--ipv4=10.78.0.300/24" ]

            Expect.equal badCidr.ExitCode 64 $"an invalid CIDR\n{badCidr}"
            Expect.stringContains (badCidr.Stdout + badCidr.Stderr) "--ipv4" "names the argument"
        finally
            quiet [ "netns"; "del"; ns ]

        let missing = run "" binary [ "--interface=no/such" ]
        Expect.equal missing.ExitCode 64 $"an impossible interface name is a bad argument\n{missing}"
        Expect.stringContains (missing.Stdout + missing.Stderr) "--interface" "names the argument"

        // Not root: no permission for /dev/net/tun (or to attach a TAP device, where the device is open to all).
        let denied =
            run
                ""
                "setpriv"
                [
                    "--reuid=65534"
                    "--regid=65534"
                    "--clear-groups"
                    "--"
                    binary
                    "--interface=mdenied0"
                ]

        Expect.equal denied.ExitCode 1 $"no permission for the TAP device\n{denied}"
        let why = denied.Stdout + denied.Stderr

        Expect.isTrue
            (why.Contains "interface 'mdenied0': "
             && (why.Contains "Permission denied" || why.Contains "Operation not permitted"))
            $"names the interface and why\n{denied}"

[<Tests>]
let tests =
    testSequenced
    <| testList "Cli.udp-echo" [ for target in [ "unix"; "aot" ] -> echoOn target ]
