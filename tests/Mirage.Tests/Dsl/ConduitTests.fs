/// conduit_direct and cohttp_server from the F# DSL: the devices configure makes of them.
module Mirage.Tests.Dsl.ConduitTests

open System.IO
open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Output

/// main.cs for `main $ cohttp_server conduit`.
let private generate (conduit: conduit impl) =
    fst (Mirage.Tests.Engine.SameIR.emittedFor http (cohttp_server conduit) "unix" [])

[<Tests>]
let tests =
    testList
        "Dsl.conduit"
        [
            test "conduit_direct without tls is the TCP conduit alone; cohttp_server connects over it" {
                let main = generate (conduit_direct (generic_stackv4v6 ()))
                Expect.stringContains main "Mirage.Runtime.Network.Conduit.TcpConduit.Connect(socket_stack_" "TCP"
                Expect.isFalse (main.Contains "TlsConduit") "no TLS layer"
                Expect.stringContains main "Mirage.Runtime.Http.KestrelHttpServer.Connect(conduit_tcp_" "over it"
            }

            test "conduit_direct ~tls:true is TLS over the TCP conduit, as upstream's tls $ (tcp $ stack)" {
                let main = generate (conduit_direct (generic_stackv4v6 (), tls = true))
                Expect.stringContains main "TlsConduit.Connect(conduit_tcp_" "TLS over TCP"
                Expect.stringContains main "Mirage.Runtime.Http.KestrelHttpServer.Connect(conduit_tls_" "over TLS"
            }
        ]
