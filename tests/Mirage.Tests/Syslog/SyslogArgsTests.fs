/// The syslog and monitoring runtime arguments: upstream's names, defaults and checks.
module Mirage.Tests.Syslog.SyslogArgsTests

open System.IO
open System.Net
open Expecto
open Mirage.Runtime.Arguments
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Syslog

/// Parses `argv` for the syslog arguments (and the monitor's): the values, or the exit code and error.
let private parse (argv: string list) =
    let parser = ArgParser("unikernel")
    let server = parser.Add(SyslogArgs.Server())
    let port = parser.Add(SyslogArgs.Port())
    let truncate = parser.Add(SyslogArgs.Truncate())
    let monitor = parser.Add(MonitoringArgs.Monitor "ops")
    let err = new StringWriter()

    match parser.Parse(List.toArray argv, new StringWriter(), err) |> Option.ofNullable with
    | None -> Ok(server.Value, port.Value, truncate.Value, monitor.Value)
    | Some code -> Error(code, err.ToString())

[<Tests>]
let tests =
    testList
        "Syslog.Args"
        [
            testCase "defaults: no collector, port 514, no truncation, no monitor"
            <| fun () -> Expect.equal (parse []) (Ok(null, 514, System.Nullable(), null)) "defaults"

            testCase "addresses of both families, a port, a size; the monitor's group prefix"
            <| fun () ->
                match
                    parse
                        [
                            "--syslog=192.0.2.7"
                            "--syslog-port=6514"
                            "--syslog-truncate=480"
                            "--ops-monitor=::1"
                        ]
                with
                | Ok(server, port, truncate, monitor) ->
                    Expect.equal server (IPAddress.Parse "192.0.2.7") "IPv4"
                    Expect.equal port 6514 "port"
                    Expect.equal truncate (System.Nullable 480) "truncate"
                    Expect.equal monitor IPAddress.IPv6Loopback "IPv6"
                | Error e -> failtest $"{e}"

            testCase "what is not an address, a port or a size is refused with exit 64, naming the option"
            <| fun () ->
                for argv, option in
                    [
                        [ "--syslog=10.0.0.0/8" ], "--syslog"
                        [ "--syslog=1" ], "--syslog"
                        [ "--syslog=collector.example" ], "--syslog"
                        [ "--syslog-port=0" ], "--syslog-port"
                        [ "--syslog-truncate=-5" ], "--syslog-truncate"
                        [ "--ops-monitor=nope" ], "--ops-monitor"
                    ] do
                    match parse argv with
                    | Ok _ -> failtest $"{argv} was accepted"
                    | Error(code, message) ->
                        Expect.equal code 64 $"{argv}: exit 64"
                        Expect.stringContains message option $"{argv}: names the option"
        ]
