/// The DNS client end to end: against dnsmasq over the socket stack's UDP and TCP, and against
/// fake servers that answer garbage.
module Mirage.Tests.Runtime.DnsResolveTests

open System
open System.Diagnostics
open System.Net
open System.Net.Sockets
open System.Threading.Tasks
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Network.Sockets
open Mirage.Tests.Support

let private name (text: string) = DomainName.Parse text

let private stack () = Loopback.stack ()

let private client (servers: string list) (timeout: TimeSpan) =
    DnsClient.Connect(
        StackDnsTransport(stack (), Platform.Random),
        Platform.MClock,
        Platform.Random,
        List.toArray servers,
        Nullable(int64 timeout.TotalMilliseconds * 1_000_000L),
        Nullable 0
    )

let private resolve (c: DnsClient) n t =
    c.ResolveAsync(name n, t).AsTask().Result

let private addresses (answer: DnsAnswer) =
    match answer with
    | :? DnsAnswer.Data as d ->
        d.Records
        |> Seq.map (function
            | :? ARecord as a -> string a.Address
            | :? AaaaRecord as a -> string a.Address
            | other -> string other)
        |> List.ofSeq
    | other -> failtest $"expected data, got {other}"

let private againstDnsmasq protocol =
    testCase $"dnsmasq over {protocol}: A, AAAA, CNAME, MX, SRV, TXT, NXDOMAIN"
    <| fun () ->
        use server = Dnsmasq.start []

        let c =
            client [ (if protocol = "udp" then server.Udp else server.Tcp) ] (TimeSpan.FromSeconds 5.0)

        Expect.equal (addresses (resolve c "example.test" DnsRecordType.A)) [ "10.1.2.3" ] "A"
        Expect.equal (addresses (resolve c "www.EXAMPLE.test" DnsRecordType.A)) [ "10.1.2.3" ] "a subdomain, any case"
        Expect.equal (addresses (resolve c "dual.test" DnsRecordType.AAAA)) [ "::1" ] "AAAA"

        match resolve c "alias.test" DnsRecordType.A with
        | :? DnsAnswer.Data as d ->
            Expect.equal d.Name (name "web.test") "followed the CNAME"
            Expect.equal (addresses d) [ "127.0.0.1" ] "to its address"
        | other -> failtest $"{other}"

        match resolve c "mx.test" DnsRecordType.MX with
        | :? DnsAnswer.Data as d -> Expect.equal (d.Records[0]) (MxRecord(10us, name "mail.example.test")) "MX"
        | other -> failtest $"{other}"

        match resolve c "_http._tcp.web.test" DnsRecordType.SRV with
        | :? DnsAnswer.Data as d -> Expect.equal (d.Records[0]) (SrvRecord(1us, 2us, 8080us, name "web.test")) "SRV"
        | other -> failtest $"{other}"

        match resolve c "txt.test" DnsRecordType.TXT with
        | :? DnsAnswer.Data as d -> Expect.equal (d.Records[0] :?> TxtRecord).Text "hello world" "TXT"
        | other -> failtest $"{other}"

        Expect.isTrue (resolve c "nothing.test" DnsRecordType.A :? DnsAnswer.NoDomain) "NXDOMAIN"
        Expect.isTrue (resolve c "localhost" DnsRecordType.A |> addresses = [ "127.0.0.1" ]) "localhost, locally"

/// A UDP server on loopback that answers each query with what `replies` makes of it.
let private fakeUdpServer (replies: byte array -> byte array list) =
    let socket = new UdpClient(IPEndPoint(IPAddress.Loopback, 0))
    let port = (socket.Client.LocalEndPoint :?> IPEndPoint).Port

    let _serving =
        task {
            try
                while true do
                    let! received = socket.ReceiveAsync()

                    for reply in replies received.Buffer do
                        let! _ = socket.SendAsync(reply, reply.Length, received.RemoteEndPoint)
                        ()
            with _ ->
                ()
        }

    port, socket

/// A TCP server on loopback that answers the first query with `reply` (framing included).
let private fakeTcpServer (reply: byte array -> byte array) =
    let listener = new TcpListener(IPAddress.Loopback, 0)
    listener.Start()
    let port = (listener.LocalEndpoint :?> IPEndPoint).Port

    let _serving =
        task {
            try
                use! connection = listener.AcceptTcpClientAsync()
                let stream = connection.GetStream()
                let prefix = Array.zeroCreate 2
                do! stream.ReadExactlyAsync(prefix, 0, 2)
                let query = Array.zeroCreate (int prefix[0] * 256 + int prefix[1])
                do! stream.ReadExactlyAsync(query, 0, query.Length)
                let answer = reply query
                do! stream.WriteAsync(answer, 0, answer.Length)
                do! Task.Delay 2000
            with _ ->
                ()
        }

    port, listener

/// A reply to `query` (header copied, flagged as a response) followed by raw answer octets.
let private replyWith (query: byte array) (answerCount: int) (answers: byte list) =
    let reply = Array.append query (List.toArray answers)
    reply[2] <- reply[2] ||| 0x80uy
    reply[7] <- byte answerCount
    reply

/// A reply to `query` with one A record whose owner name is a compression pointer to itself.
let private selfPointingAnswer (query: byte array) =
    let pointerToItself = [ 0xC0uy; byte query.Length ]
    let typeAClassInTtlOne = [ 0uy; 1uy; 0uy; 1uy; 0uy; 0uy; 0uy; 1uy ]
    let address = [ 0uy; 4uy; 1uy; 2uy; 3uy; 4uy ]
    replyWith query 1 (pointerToItself @ typeAClassInTtlOne @ address)

let private framed (message: byte array) =
    Array.append [| byte (message.Length >>> 8); byte message.Length |] message

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Dns.Resolve"
        [
            againstDnsmasq "udp"
            againstDnsmasq "tcp"

            testCase "a truncated UDP answer is asked again over TCP"
            <| fun () ->
                use server = Dnsmasq.start []
                let c = client [ server.Udp ] (TimeSpan.FromSeconds 5.0)

                match resolve c "big.test" DnsRecordType.TXT with
                | :? DnsAnswer.Data as d -> Expect.equal d.Records.Count 12 "all twelve strings, more than 512 octets"
                | other -> failtest $"{other}"

            testCase "the first nameserver that answers wins; a dead one costs its share only"
            <| fun () ->
                use server = Dnsmasq.start []
                let dead = $"tcp:127.0.0.1:{Loopback.freePort ()}"
                let c = client [ dead; server.Udp ] (TimeSpan.FromSeconds 5.0)
                Expect.equal (addresses (resolve c "example.test" DnsRecordType.A)) [ "10.1.2.3" ] "the second one"

            testCase
                "garbage, a wrong id and a compression loop over UDP are ignored until the timeout, with the reason"
            <| fun () ->
                let port, socket =
                    fakeUdpServer (fun query ->
                        let wrongId = replyWith query 0 []
                        wrongId[0] <- wrongId[0] ^^^ 0xFFuy

                        [ [| 1uy; 2uy; 3uy |]; wrongId; selfPointingAnswer query ])

                use _ = socket
                let c = client [ $"udp:127.0.0.1:{port}" ] (TimeSpan.FromMilliseconds 500.0)
                let clock = Stopwatch.StartNew()

                match resolve c "example.test" DnsRecordType.A with
                | :? DnsAnswer.Failure as f ->
                    Expect.stringContains f.Message "compression pointer" "says what the last bad reply was"
                    Expect.isLessThan clock.Elapsed.TotalSeconds 3.0 "within the budget"
                | other -> failtest $"{other}"

            testCase "a malicious TCP answer is an error, not a crash or a hang"
            <| fun () ->
                let port, listener = fakeTcpServer (fun query -> framed (selfPointingAnswer query))

                use _ =
                    { new IDisposable with
                        member _.Dispose() = listener.Stop()
                    }

                let c = client [ $"tcp:127.0.0.1:{port}" ] (TimeSpan.FromSeconds 2.0)

                match resolve c "example.test" DnsRecordType.A with
                | :? DnsAnswer.Failure as f -> Expect.stringContains f.Message "malformed reply" "the decoder's reason"
                | other -> failtest $"{other}"

            testCase "a TCP answer cut short is an error"
            <| fun () ->
                let port, listener =
                    fakeTcpServer (fun query -> (framed (replyWith query 0 []))[..8])

                use _ =
                    { new IDisposable with
                        member _.Dispose() = listener.Stop()
                    }

                let c = client [ $"tcp:127.0.0.1:{port}" ] (TimeSpan.FromSeconds 5.0)

                match resolve c "example.test" DnsRecordType.A with
                | :? DnsAnswer.Failure as f -> Expect.stringContains f.Message "truncated reply" "says so"
                | other -> failtest $"{other}"

            testCase "a bad --dns-servers entry is an error naming it"
            <| fun () ->
                Expect.throwsC
                    (fun () ->
                        client [ "udp:127.0.0.1"; "dns.example.org" ] (TimeSpan.FromSeconds 1.0)
                        |> ignore)
                    (fun e -> Expect.stringContains e.Message "dns.example.org" "names the entry")
        ]
