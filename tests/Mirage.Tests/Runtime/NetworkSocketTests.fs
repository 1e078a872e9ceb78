module Mirage.Tests.Runtime.NetworkSocketTests

open System
open System.Buffers
open System.Net
open System.Net.Sockets
open System.Text
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Sockets

open Mirage.Tests.Support.Loopback

let private bytes (text: string) =
    ReadOnlyMemory(Encoding.ASCII.GetBytes text)

/// Reads until the end of the stream, collecting what the flow lends.
let private readAll (flow: ITcpFlow) =
    task {
        let collected = ResizeArray<byte>()
        let mutable finished = false

        while not finished do
            let! result = flow.ReadAsync()

            if result.IsData then
                collected.AddRange(result.Data.ToArray())
            else
                Expect.isFalse result.Error.HasValue $"read failed: {result}"
                finished <- true

        return Encoding.ASCII.GetString(collected.ToArray())
    }

/// An echo handler in Mirage style: read once, write it back upper-cased, close.
let private upperEcho (flow: ITcpFlow) =
    task {
        let! result = flow.ReadAsync()

        if result.IsData then
            let text = Encoding.ASCII.GetString(result.Data.ToArray()).ToUpperInvariant()
            let! error = flow.WriteAsync(bytes text)
            Expect.isFalse error.HasValue "the echo was written"
    }
    |> ValueTask

let private roundTrip (stack: IStackV4V6) (address: IPAddress) port =
    task {
        let! connected =
            stack.Tcp.CreateConnectionAsync(IPEndPoint(address, port), timeout = Nullable(TimeSpan.FromSeconds 5.0))

        Expect.isFalse connected.Error.HasValue $"connected to {address}"
        let flow = connected.Flow
        Expect.equal flow.Destination (IPEndPoint(address, port)) "the destination is the peer"
        Expect.equal flow.Source.Address address "loopback to loopback"
        let! error = flow.WriteAsync(bytes "hello")
        Expect.isFalse error.HasValue "written"
        do! flow.ShutdownAsync ShutdownMode.Write
        let! reply = readAll flow
        do! flow.CloseAsync()
        return reply
    }

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Network.Sockets"
        [
            testTask "a TCP flow carries data both ways over IPv4 and IPv6, and the end of stream" {
                let stack = SocketStack.Connect stackOptions
                let port = freePort ()
                Expect.isFalse (stack.Tcp.Listen(port, TcpHandler upperEcho).HasValue) "listening"
                let! v4 = roundTrip stack IPAddress.Loopback port
                Expect.equal v4 "HELLO" "IPv4 echo"
                let! v6 = roundTrip stack IPAddress.IPv6Loopback port
                Expect.equal v6 "HELLO" "IPv6 echo"
                do! stack.DisconnectAsync()
            }

            testTask "the pipes of a flow see what the Mirage-style calls send" {
                let stack = SocketStack.Connect stackOptions
                let port = freePort ()

                let handler (flow: ITcpFlow) =
                    task {
                        let! read = flow.Transport.Input.ReadAsync()
                        let text = Encoding.ASCII.GetString(read.Buffer.ToArray())
                        flow.Transport.Input.AdvanceTo read.Buffer.End
                        let! _ = flow.Transport.Output.WriteAsync(bytes $"got {text}")
                        ()
                    }
                    |> ValueTask

                stack.Tcp.Listen(port, TcpHandler handler) |> ignore
                let! reply = roundTrip stack IPAddress.Loopback port
                Expect.equal reply "got hello" "the pipe-side handler answered"
                do! stack.DisconnectAsync()
            }

            testTask "connecting to a closed port is refused, as a result" {
                let stack = SocketStack.Connect stackOptions

                let! result =
                    stack.Tcp.CreateConnectionAsync(IPEndPoint(IPAddress.Loopback, freePort ()))

                Expect.equal result.Error (Nullable TcpError.Refused) "refused"
            }

            testTask "a connection to a family switched off is unreachable" {
                let stack =
                    SocketStack.Connect(SocketStackOptions.Create(IpPrefix.AnyV4, Nullable(), true, false))

                let! result =
                    stack.Tcp.CreateConnectionAsync(IPEndPoint(IPAddress.IPv6Loopback, freePort ()))

                Expect.equal result.Error (Nullable TcpError.Unreachable) "IPv4 only"
            }

            testTask "listening on a port in use is an error, and the stack keeps serving its other ports" {
                let port = freePort ()
                let holder = new TcpListener(IPAddress.Any, port)
                holder.Start()
                let stack = SocketStack.Connect SocketStackOptions.Any
                Expect.equal (stack.Tcp.Listen(port, TcpHandler upperEcho)) (Nullable ListenError.AddressInUse) "in use"
                let other = freePort ()
                Expect.isFalse (stack.Tcp.Listen(other, TcpHandler upperEcho).HasValue) "another port"
                let! reply = roundTrip stack IPAddress.Loopback other
                Expect.equal reply "HELLO" "still serving"
                do! stack.DisconnectAsync()
                holder.Stop()
            }

            testTask "after unlisten, connections are refused" {
                let stack = SocketStack.Connect stackOptions
                let port = freePort ()
                stack.Tcp.Listen(port, TcpHandler upperEcho) |> ignore
                stack.Tcp.Unlisten port
                let! result = stack.Tcp.CreateConnectionAsync(IPEndPoint(IPAddress.Loopback, port))
                Expect.equal result.Error (Nullable TcpError.Refused) "refused after unlisten"
            }

            testTask "a handler that throws is logged and the listener goes on" {
                let stack = SocketStack.Connect stackOptions
                let port = freePort ()
                let mutable calls = 0

                let handler (flow: ITcpFlow) =
                    calls <- calls + 1

                    if calls = 1 then failwith "boom" else upperEcho flow

                stack.Tcp.Listen(port, TcpHandler handler) |> ignore
                let! first = roundTrip stack IPAddress.Loopback port
                Expect.equal first "" "the failed handler's flow was closed"
                let! second = roundTrip stack IPAddress.Loopback port
                Expect.equal second "HELLO" "the next connection is served"
                do! stack.DisconnectAsync()
            }

            testTask "UDP datagrams arrive with their source and destination, and replies leave from the listened port" {
                let stack = SocketStack.Connect stackOptions
                let port = freePort ()
                let received = TaskCompletionSource<UdpDatagram * string>()

                let handler (datagram: UdpDatagram) =
                    task {
                        let text = Encoding.ASCII.GetString(datagram.Payload.Span)
                        received.TrySetResult((datagram, text)) |> ignore

                        let! _ =
                            stack.Udp.WriteAsync(
                                IPEndPoint(datagram.Source, datagram.SourcePort),
                                bytes $"re: {text}",
                                sourcePort = Nullable port
                            )

                        ()
                    }
                    |> ValueTask

                Expect.isFalse (stack.Udp.Listen(port, UdpHandler handler).HasValue) "listening"
                let client = new UdpClient(AddressFamily.InterNetwork)
                client.Client.Bind(IPEndPoint(IPAddress.Loopback, 0))

                let! _ =
                    client.SendAsync(Encoding.ASCII.GetBytes "ping", IPEndPoint(IPAddress.Loopback, port))

                let! (datagram: UdpDatagram), (text: string) =
                    received.Task.WaitAsync(TimeSpan.FromSeconds 5.0)

                Expect.equal text "ping" "payload"
                Expect.equal datagram.Destination IPAddress.Loopback "our address"
                Expect.equal datagram.SourcePort (client.Client.LocalEndPoint :?> IPEndPoint).Port "peer port"

                let! (reply: UdpReceiveResult) =
                    client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds 5.0)

                Expect.equal (Encoding.ASCII.GetString reply.Buffer) "re: ping" "reply"
                Expect.equal reply.RemoteEndPoint.Port port "the reply came from the listened port"
                do! stack.DisconnectAsync()
                client.Dispose()
            }

            test "the IP view lists the configured networks and an MTU per family" {
                let ip = (SocketStack.Connect stackOptions).Ip
                Expect.equal ip.ConfiguredAddresses.Count 2 "v4 and v6"
                Expect.equal (ip.Mtu IPAddress.Loopback) 1480 "1500 less the IPv4 header"
                Expect.equal (ip.Mtu IPAddress.IPv6Loopback) 1460 "1500 less the IPv6 header"
                Expect.equal (ip.Source IPAddress.Loopback) IPAddress.Loopback "configured address"
            }
        ]
