/// syslog_udp, syslog_tcp, syslog_tls and prometheus_metrics from the F# DSL: the code configure makes of them.
module Mirage.Tests.Dsl.SyslogDevicesTests

open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Tests.Engine.SameIR

/// main.cs and the project of a unikernel depending on `syslog`.
let private generate (syslog: syslog impl) =
    let main = Dsl.main ("Unikernel.Main", job, deps = [ dep syslog ])
    emitted (Mirage.Devices.Catalogue.Register("unikernel", [| main.Impl |])) "unix" []

[<Tests>]
let tests =
    testList
        "Dsl.syslog"
        [
            test "syslog_udp connects over the stack with the unikernel's name and upstream's runtime arguments" {
                let main, project = generate (syslog_udp (generic_stackv4v6 ()))

                Expect.stringContains
                    main
                    "Mirage.Runtime.Syslog.SyslogDevices.ConnectUdp(socket_stack_"
                    "over the stack"

                Expect.stringContains
                    main
                    ", \"unikernel\", arg_syslog.Value, arg_syslog_port.Value, arg_syslog_truncate.Value)"
                    "name and arguments"

                Expect.stringContains main "Mirage.Runtime.Syslog.SyslogArgs.Server(\"\")" "--syslog"
                Expect.stringContains main "Mirage.Runtime.Syslog.SyslogArgs.Port(\"\")" "--syslog-port"
                Expect.stringContains project "Mirage.Runtime.Syslog.csproj" "the syslog runtime library"
            }

            test "syslog_tcp ~group prefixes its runtime arguments" {
                let main, _ = generate (syslog_tcp (generic_stackv4v6 (), group = "ops"))
                Expect.stringContains main "SyslogDevices.ConnectTcp(socket_stack_" "TCP"
                Expect.stringContains main "SyslogArgs.Server(\"ops\")" "--ops-syslog"
            }

            test "syslog_tls takes the key store and --syslog-keyname, and is awaited" {
                let main, _ = generate (syslog_tls (generic_stackv4v6 (), crunch "certs"))

                Expect.stringContains
                    main
                    "await Mirage.Runtime.Syslog.SyslogDevices.ConnectTlsAsync(socket_stack_"
                    "TLS"

                Expect.stringContains main "arg_syslog_keyname.Value, cancellationToken)" "key name"
            }

            test "prometheus_metrics wraps the HTTP server with its path and brings the Prometheus runtime" {
                let server = paf_server (tcpv4v6_of_stackv4v6 $ generic_stackv4v6 ())
                let main = Dsl.main ("Unikernel.Main", http_server @-> job)

                let code, project =
                    emitted
                        (Mirage.Devices.Catalogue.Register(
                            "unikernel",
                            [| (main $ prometheus_metrics (server, path = "/stats")).Impl |]
                        ))
                        "unix"
                        []

                Expect.stringContains
                    code
                    "Mirage.Runtime.Prometheus.PrometheusEndpoint.Connect(paf_server_"
                    "around the server"

                Expect.stringContains code ", \"/stats\")" "the path"
                Expect.stringContains project "Mirage.Runtime.Prometheus.csproj" "the Prometheus runtime library"
            }

            test "prometheus_metrics refuses a path that is not an absolute URL path, naming the device" {
                let server = paf_server (tcpv4v6_of_stackv4v6 $ generic_stackv4v6 ())

                for bad in [ "metrics"; ""; "/a\nb" ] do
                    let e =
                        Expect.throwsC (fun () -> prometheus_metrics (server, path = bad) |> ignore) id

                    Expect.stringContains e.Message "prometheus_metrics: path" bad
            }
        ]
