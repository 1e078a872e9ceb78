/// The network and http samples on our own stack end to end: configured with --net=direct, built (unix) and run
/// on a TAP device in a network namespace the test creates and removes; Linux's nc connects to the first over TCP
/// (IPv4 and IPv6), curl to the second over HTTP/1.1 and h2c. Needs root (as CI has).
module Mirage.Tests.Cli.TapNetworkSampleTests

open System
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TapNamespace
open Mirage.Tests.Cli.NetworkSampleTests

/// Sends `text` with Linux's nc from inside `ns` to `address`:8080 and waits (up to 5 s) for our side to close.
let private ncSend ns (address: string) (text: string) =
    run "" "sh" [ "-c"; $"printf %%s {text} | ip netns exec {ns} nc -w 5 {address} 8080" ]

let private networkDirect =
    testCase
        "network with --net=direct on unix: Linux's nc connects over TCP (IPv4 and IPv6), is logged, read and closed"
    <| fun () ->
        if not (available ()) then
            skiptest "needs root, /dev/net/tun, ip, ping, nc and setpriv"

        let binary = buildWith "config.fsx" [ "--net=direct" ] "network" "unix"

        inTapNamespace "ttap" (fun ns tap ->
            let args =
                [
                    $"--interface={tap}"
                    "--ipv4=10.78.0.2/24"
                    "--ipv4-gateway=10.78.0.1"
                    "--ipv6=fd78::2/64"
                    "--port=8080"
                ]

            use service = new Service("ip", [ "netns"; "exec"; ns; binary ] @ args)
            service.WaitFor "listening on TCP port 8080"

            for round in 1..2 do
                let nc = ncSend ns "10.78.0.2" $"hello-direct-{round}"
                Expect.equal nc.ExitCode 0 $"nc over IPv4, round {round}\n{nc}\n{service.Output}"
                service.WaitFor $"read 14 bytes: hello-direct-{round}"

            service.WaitFor "new tcp connection from IP 10.78.0.1 on port"
            // IPv6 is answered once duplicate address detection has ended (about a second; longer under load).
            service.WaitFor "address fd78::2/64 is ours"
            let nc6 = ncSend ns "fd78::2" "hello-six"
            Expect.equal nc6.ExitCode 0 $"nc over IPv6\n{nc6}\n{service.Output}"
            service.WaitFor "read 9 bytes: hello-six"
            service.WaitFor "new tcp connection from IP fd78::1 on port"

            let closed = inNamespace ns "nc" [ "-z"; "-w"; "2"; "10.78.0.2"; "8081" ]

            Expect.notEqual closed.ExitCode 0 $"a port nobody listens on is refused\n{closed}"
            Expect.isEmpty service.Complaints $"no error or warning\n{service.Output}"
            Expect.equal (service.Stop()) 130 "stops on SIGINT")

let private httpDirect =
    testCase "http with --net=direct on unix: Linux's curl gets its page over HTTP/1.1 and h2c"
    <| fun () ->
        if not (available () && IO.File.Exists "/usr/bin/curl") then
            skiptest "needs root, /dev/net/tun, ip, ping, nc, setpriv and curl"

        let binary = buildWith "config.fsx" [ "--net=direct" ] "http" "unix"

        inTapNamespace "wtap" (fun ns tap ->
            use service = new Service("ip", unikernelIn ns tap binary [])

            service.WaitFor "listening on TCP port 8081"

            for version, port, options in [ "1.1", 8080, []; "2", 8081, [ "--http2-prior-knowledge" ] ] do
                let curl =
                    inNamespace
                        ns
                        "curl"
                        ([ "-sS"; "-m"; "10"; "-w"; "\n%{http_version}" ]
                         @ options
                         @ [ $"http://10.78.0.2:{port}/" ])

                Expect.equal curl.ExitCode 0 $"curl HTTP/{version}\n{curl}\n{service.Output}"
                Expect.equal curl.Stdout $"Hello World!\n\n{version}" $"the page over HTTP/{version}"

            Expect.isEmpty service.Complaints $"no error or warning\n{service.Output}"
            Expect.equal (service.Stop()) 130 "stops on SIGINT")

[<Tests>]
let tests =
    testSequenced <| testList "Cli.network-direct" [ networkDirect; httpDirect ]
