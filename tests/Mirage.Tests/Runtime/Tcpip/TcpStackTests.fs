/// TCP between two of our stacks on the in-memory switch, through the flows applications use: byte-exact bulk
/// transfers under loss, reordering and duplication (SHA-256), both families, a refused port, a peer that stalls.
module Mirage.Tests.Runtime.Tcpip.TcpStackTests

open System
open System.Buffers
open System.Net
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Tcp
open Mirage.Tests.Runtime.Tcpip.Support
open Mirage.Tests.Runtime.Tcpip.TcpSupport

let private withTcp (tcp: TcpSettings) (options: DirectStackOptions) =
    DirectStackOptions(
        Ipv4 = options.Ipv4,
        Ipv6 = options.Ipv6,
        Ipv4Only = options.Ipv4Only,
        TickInterval = options.TickInterval,
        Tcp = tcp
    )

/// Stacks whose TCP retransmits after 20 ms at least (the in-memory link's round trip is well under 1 ms).
let private tcpStacks (faults: FaultProfile) (seed: int) : Task<DirectStack * DirectStack> =
    task {
        let network = MemorySwitch(TimeProvider.System, seed, faults)
        let tcp = TcpSettings(MinRtoMs = 20L)

        let! a =
            DirectStack.ConnectAsync(network.Connect(), withTcp tcp (staticOptions "10.0.0.2/24" "fd00::2/64"))

        let! b =
            DirectStack.ConnectAsync(network.Connect(), withTcp tcp (staticOptions "10.0.0.3/24" "fd00::3/64"))

        return a, b
    }

let private sendAll (flow: ITcpFlow) (data: byte array) =
    task {
        let mutable offset = 0

        while offset < data.Length do
            let n = min 65536 (data.Length - offset)
            let! error = flow.WriteAsync(ReadOnlyMemory(data, offset, n))
            Expect.isNull (box error) "write"
            offset <- offset + n

        do! flow.CloseAsync()
    }

let private bulk name (faults: FaultProfile) (seed: int) (size: int) (server: string) =
    testTask name {
        let! stacks = tcpStacks faults seed

        let (a: DirectStack), (b: DirectStack) = stacks

        try
            if server.Contains ':' then
                let! _ = ipv6Ready a
                let! _ = ipv6Ready b
                ()

            let data = bytesOf seed size

            let received = hashFirstFlow b.Tcp 5001

            let! result =
                a.Tcp.CreateConnectionAsync(IPEndPoint(ip server, 5001), timeout = TimeSpan.FromSeconds 10.0)

            Expect.isNull (box result.Error) "connected"
            do! sendAll result.Flow data
            let! count, hash = received.WaitAsync(TimeSpan.FromSeconds 120.0)
            Expect.equal count (int64 size) "every byte"
            Expect.equal hash (sha256 data) "byte-exact"
        finally
            a.DisposeAsync().AsTask().Wait()
            b.DisposeAsync().AsTask().Wait()
    }

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Tcpip.TcpStack"
        [
            bulk "10 MB over IPv4, clean" FaultProfile.None 1 (10 <<< 20) "10.0.0.3"
            bulk
                "10 MB over IPv4 at 1 % loss, reordering and duplication"
                (FaultProfile(Loss = 0.01, Reordering = 0.02, Duplication = 0.01))
                2
                (10 <<< 20)
                "10.0.0.3"
            bulk
                "4 MB over IPv6 at 10 % loss, reordering and duplication"
                (FaultProfile(Loss = 0.10, Reordering = 0.05, Duplication = 0.02))
                3
                (4 <<< 20)
                "fd00::3"
            bulk
                "2 MB with trailing bytes and corruption on frames"
                (FaultProfile(TrailingBytes = 0.05, Corruption = 0.02))
                4
                (2 <<< 20)
                "10.0.0.3"

            testTask "a closed port refuses the connection" {
                let! stacks = tcpStacks FaultProfile.None 5

                let (a: DirectStack), (b: DirectStack) = stacks

                try
                    let! result =
                        a.Tcp.CreateConnectionAsync(IPEndPoint(ip "10.0.0.3", 9), timeout = TimeSpan.FromSeconds 5.0)

                    Expect.equal result.Error (Nullable TcpError.Refused) "refused"
                finally
                    a.DisposeAsync().AsTask().Wait()
                    b.DisposeAsync().AsTask().Wait()
            }

            testTask "a peer that never reads stalls the writer; buffers stay bounded; reading resumes it" {
                let! stacks = tcpStacks FaultProfile.None 6

                let (a: DirectStack), (b: DirectStack) = stacks

                try
                    let accepted =
                        TaskCompletionSource<ITcpFlow>(TaskCreationOptions.RunContinuationsAsynchronously)

                    let release =
                        TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)

                    b.Tcp.Listen(
                        5002,
                        fun flow ->
                            task {
                                accepted.SetResult flow
                                do! release.Task
                            }
                            |> ValueTask
                    )
                    |> ignore

                    let! result = a.Tcp.CreateConnectionAsync(IPEndPoint(ip "10.0.0.3", 5002))
                    let data = bytesOf 6 (8 <<< 20)
                    let sending = sendAll result.Flow data
                    let! server = accepted.Task
                    do! Task.Delay 1000
                    Expect.isFalse sending.IsCompleted "the writer waits for the reader"
                    let! count, hash = hashFlow server
                    release.SetResult()
                    do! sending
                    Expect.equal count (int64 data.Length) "then everything arrives"
                    Expect.equal hash (sha256 data) "byte-exact"
                finally
                    a.DisposeAsync().AsTask().Wait()
                    b.DisposeAsync().AsTask().Wait()
            }
        ]
