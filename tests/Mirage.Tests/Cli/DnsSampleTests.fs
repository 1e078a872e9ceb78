/// The dns sample end to end on every target: it resolves names against dnsmasq on loopback, over
/// UDP and over TCP.
module Mirage.Tests.Cli.DnsSampleTests

open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private dnsOn target =
    testList
        target
        [
            testCase "dns resolves through dnsmasq over UDP and TCP, and fails clearly"
            <| fun () ->
                let binary = build "dns" target
                checkBinary target binary
                let dir = sampleDir "dns"
                use server = Dnsmasq.start []

                for servers in [ server.Udp; server.Tcp ] do
                    let result =
                        run dir binary [ "--domain-name=dual.test"; $"--dns-servers={servers}" ]

                    Expect.equal result.ExitCode 0 $"exit code ({servers})\n{result}"
                    let messages, _ = logged result
                    Expect.equal messages [| "dual.test: 127.0.0.1"; "dual.test: ::1" |] $"A then AAAA ({servers})"

                let alias =
                    run dir binary [ "--domain-name=alias.test"; $"--dns-servers={server.Udp}" ]

                let aliasMessages, _ = logged alias
                Expect.equal aliasMessages[0] "alias.test: 127.0.0.1" "through the CNAME"

                let missing =
                    run dir binary [ "--domain-name=nothing.test"; $"--dns-servers={server.Udp}" ]

                Expect.equal missing.ExitCode 1 $"no address\n{missing}"
                Expect.stringContains missing.Stdout "nothing.test does not exist" "says NXDOMAIN"

                let bogus =
                    run dir binary [ "--domain-name=dual.test"; "--dns-servers=udp:dns.example" ]

                Expect.equal bogus.ExitCode 64 $"bad --dns-servers\n{bogus}"
                Expect.stringContains bogus.Stderr "udp:dns.example" "names the entry"

                let silent =
                    run
                        dir
                        binary
                        [
                            "--domain-name=dual.test"
                            $"--dns-servers=udp:127.0.0.1:{Loopback.freePort ()}"
                            "--dns-timeout=300000000"
                        ]

                Expect.equal silent.ExitCode 1 $"nobody answers\n{silent}"
                Expect.stringContains silent.Stdout "no answer within 300 ms" "says it timed out"
        ]

[<Tests>]
let tests = sampleTests "DNS samples" [ dnsOn "unix"; dnsOn "aot" ]
