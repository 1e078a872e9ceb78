/// Bulk transfers between two pure connections over a virtual-time link with loss, duplication and reordering:
/// byte-exact (SHA-256), and closed cleanly; FsCheck draws the fault schedules.
module Mirage.Tests.Runtime.Tcpip.TcpTransferTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Tests.Runtime.Tcpip.TcpSupport

let private exact name seed faults size =
    test name {
        let data = bytesOf seed size
        let received, took, a, b = transfer seed faults data 3_600_000L
        Expect.equal received.Length data.Length $"all bytes (virtual {took} ms)"
        Expect.equal (sha256 received) (sha256 data) "byte-exact"
        Expect.equal b.State TcpState.Closed "receiver closed"
        Expect.contains [ TcpState.TimeWait; TcpState.Closed ] a.State "sender in TIME_WAIT or closed"
    }

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.TcpTransfer"
        [
            exact
                "4 MB, clean link"
                1
                {
                    Loss = 0.0
                    Duplication = 0.0
                    Reordering = 0.0
                    DelayMs = 1L
                }
                (4 <<< 20)
            exact
                "10 MB at 1 % loss with reordering and duplication"
                2
                {
                    Loss = 0.01
                    Duplication = 0.01
                    Reordering = 0.02
                    DelayMs = 2L
                }
                (10 <<< 20)
            exact
                "10 MB at 10 % loss with reordering and duplication"
                3
                {
                    Loss = 0.10
                    Duplication = 0.02
                    Reordering = 0.05
                    DelayMs = 2L
                }
                (10 <<< 20)

            testPropertyWithConfig
                { FsCheckConfig.defaultConfig with
                    maxTest = 30
                }
                "random fault schedules deliver byte-exact"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        (Gen.choose (0, 1_000_000))
                        (Gen.choose (0, 25))
                        (Gen.zip (Gen.choose (0, 10)) (Gen.choose (1, 300_000)))
                ))
                (fun (seed, lossPercent, (chaos, size)) ->
                    let faults =
                        {
                            Loss = float lossPercent / 100.0
                            Duplication = float chaos / 100.0
                            Reordering = float chaos / 50.0
                            DelayMs = int64 (1 + seed % 20)
                        }

                    let data = bytesOf seed size
                    let received, _, _, b = transfer seed faults data 3_600_000L
                    sha256 received = sha256 data && b.State = TcpState.Closed)
        ]
