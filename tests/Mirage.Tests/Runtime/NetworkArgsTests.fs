/// The runtime arguments of network devices and programs refuse values that cannot be meant, with
/// exit 64 and the reason: ports out of 1..65535, an empty list of DNS servers, a body limit of 0.
module Mirage.Tests.Runtime.NetworkArgsTests

open System.IO
open Expecto
open Mirage.Runtime.Arguments
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Http

/// Parses `argv` with `spec` alone: the exit code (None: go on), standard error, and the value.
let private parse (spec: ArgSpec<'T>) (argv: string list) =
    let parser = ArgParser "unikernel"
    let arg = parser.Add spec
    use err = new StringWriter()
    use out = new StringWriter()
    let code = parser.Parse(List.toArray argv, out, err)
    Option.ofNullable code, err.ToString(), arg.Value

[<Tests>]
let tests =
    testList
        "Runtime.NetworkArgs"
        [
            testCase "--port refuses 0, negative ports and ports over 65535 with exit 64"
            <| fun () ->
                let spec = Arg.Port("port", 8080, "The port.")

                for bad in [ "99999"; "65536"; "-1"; "0"; "80x"; ""; " 80" ] do
                    let code, err, _ = parse spec [ $"--port={bad}" ]
                    Expect.equal code (Some 64) $"--port={bad} is refused"
                    Expect.stringContains err $"invalid value '{bad}'" "names the value"
                    Expect.stringContains err "expected a port from 1 to 65535" "says what is expected"

            testCase "--port takes 1 to 65535, and its default when absent"
            <| fun () ->
                let spec = Arg.Port("port", 8080, "The port.")

                for good in [ 1; 80; 65535 ] do
                    Expect.equal (parse spec [ $"--port={good}" ]) (None, "", good) $"--port={good}"

                Expect.equal (parse spec []) (None, "", 8080) "the default"

                Expect.throwsT<System.ArgumentOutOfRangeException>
                    (fun () -> Arg.Port("port", 0, "doc") |> ignore)
                    "a default that is no port is a programming error"

            testCase "an empty --dns-servers= is refused with exit 64, never read as the public defaults"
            <| fun () ->
                for empty in [ ""; ","; " , " ] do
                    let code, err, _ = parse (DnsArgs.Servers()) [ $"--dns-servers={empty}" ]
                    Expect.equal code (Some 64) $"--dns-servers='{empty}' is refused"
                    Expect.stringContains err "expected at least one DNS server" "says what is expected"

                let code, _, servers =
                    parse (DnsArgs.Servers()) [ "--dns-servers=udp:127.0.0.1:5353" ]

                Expect.equal code None "one server is fine"
                Expect.equal (List.ofSeq servers) [ "udp:127.0.0.1:5353" ] "that server"

                Expect.throwsT<System.ArgumentException>
                    (fun () ->
                        DnsClient.Connect(
                            Unchecked.defaultof<_>,
                            Unchecked.defaultof<_>,
                            Unchecked.defaultof<_>,
                            [||],
                            System.Nullable(),
                            System.Nullable()
                        )
                        |> ignore)
                    "nor by the connect code"

            testCase "--max-request-body-size takes a positive number of bytes, 30,000,000 by default"
            <| fun () ->
                let spec = HttpArgs.MaxRequestBodySize()
                Expect.equal (parse spec []) (None, "", 30_000_000L) "Kestrel's default"
                Expect.equal (parse spec [ "--max-request-body-size=1000" ]) (None, "", 1000L) "a limit"

                for bad in [ "0"; "-1"; "1e6"; "" ] do
                    let code, err, _ = parse spec [ $"--max-request-body-size={bad}" ]
                    Expect.equal code (Some 64) $"'{bad}' is refused"
                    Expect.stringContains err "expected a positive number of bytes" "why"
        ]
