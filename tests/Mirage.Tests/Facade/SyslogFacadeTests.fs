/// The syslog devices of the C# facade against their F# twins.
module Mirage.Tests.Facade.SyslogFacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var stack = Devices.GenericStackV4V6();"""
            """var main = Main("Unikernel.Main", Typ.Job, deps: [Devices.SyslogUdp(stack), Devices.SyslogTcp(stack, group: "tcp"), Devices.SyslogTls(stack, Devices.Crunch("certs"), group: "tls")]);"""
            """return Register("logs", [main]);"""
        ]

let private fsharp () =
    let stack = Dsl.generic_stackv4v6 ()

    let main =
        Dsl.main (
            "Unikernel.Main",
            Dsl.job,
            deps =
                [
                    Dsl.dep (Dsl.syslog_udp stack)
                    Dsl.dep (Dsl.syslog_tcp (stack, group = "tcp"))
                    Dsl.dep (Dsl.syslog_tls (stack, Dsl.crunch "certs", group = "tls"))
                ]
        )

    Mirage.Devices.Catalogue.Register("logs", [| main.Impl |])

[<Tests>]
let tests =
    testList
        "Facade.Syslog"
        [
            testCase "SyslogUdp, SyslogTcp and SyslogTls emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "unix" []
                Expect.equal (main, project) (emitted fromFSharp "unix" []) "same main.cs and project"
                Expect.stringContains main "SyslogArgs.Keyname(\"tls\")" "--tls-syslog-keyname"
        ]
