/// ICMP port unreachable for UDP datagrams to a closed port, both families, on two stacks in memory: the
/// message quotes the datagram (so its sender can match it), is never sent for broadcast, and is rate-limited.
module Mirage.Tests.Runtime.Tcpip.PortUnreachableTests

open System
open System.Buffers.Binary
open System.Collections.Concurrent
open System.Net
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Runtime.Tcpip.Udp
open Mirage.Tests.Runtime.Tcpip.Support

/// The ICMP messages (type, code, quoted bytes) that reach `stack`'s IP layers.
let private icmpOf (stack: DirectStack) =
    let seen = ConcurrentQueue<byte * byte * byte array>()

    let record =
        IpHandler(fun _ message ->
            let bytes = message.ToArray()
            seen.Enqueue((bytes[0], bytes[1], bytes[8..]))
            ValueTask.CompletedTask)

    stack.Ip.V4.Listen(IpProtocols.Icmp, record)
    stack.Ip.V6.Listen(IpProtocols.Icmpv6, record)
    seen

let private send (from: DirectStack) (destination: string) (port: int) =
    from.Udp.WriteAsync(IPEndPoint(ip destination, port), ReadOnlyMemory "knock"B, sourcePort = 40000).AsTask()

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Runtime.Tcpip.PortUnreachable"
        [
            testTask "a datagram to a closed port is answered with port unreachable quoting it, over IPv4 and IPv6" {
                let! (_: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks FaultProfile.None 5

                let seen = icmpOf b

                try
                    let! _ = ipv6Ready a
                    let! _ = ipv6Ready b
                    let! _ = send b "10.0.0.2" 9999
                    let! got4 = waitUntil 5.0 (fun () -> seen.Count >= 1)
                    Expect.isTrue got4 "an ICMPv4 message came back"
                    let! _ = send b "fd00::2" 9998
                    let! got6 = waitUntil 5.0 (fun () -> seen.Count >= 2)
                    Expect.isTrue got6 "an ICMPv6 message came back"

                    match List.ofArray (seen.ToArray()) with
                    | [ (type4, code4, quoted4); (type6, code6, quoted6) ] ->
                        Expect.equal (type4, code4) (3uy, 3uy) "destination unreachable, port unreachable (ICMPv4)"
                        Expect.equal (quoted4[0] >>> 4) 4uy "quotes an IPv4 header"
                        Expect.equal quoted4[9] IpProtocols.Udp "of a UDP datagram"
                        Expect.equal (IPAddress(ReadOnlySpan(quoted4, 16, 4))) (ip "10.0.0.2") "sent to A"

                        Expect.equal
                            (BinaryPrimitives.ReadUInt16BigEndian(ReadOnlySpan(quoted4, 20, 2)))
                            40000us
                            "from B's port"

                        Expect.equal
                            (BinaryPrimitives.ReadUInt16BigEndian(ReadOnlySpan(quoted4, 22, 2)))
                            9999us
                            "to the closed port"

                        Expect.equal (type6, code6) (1uy, 4uy) "destination unreachable, port unreachable (ICMPv6)"
                        Expect.equal (quoted6[0] >>> 4) 6uy "quotes an IPv6 header"
                        Expect.equal quoted6[6] IpProtocols.Udp "of a UDP datagram"

                        Expect.equal
                            (BinaryPrimitives.ReadUInt16BigEndian(ReadOnlySpan(quoted6, 42, 2)))
                            9998us
                            "to the closed port"

                        Expect.equal (Text.Encoding.ASCII.GetString(quoted6, 48, 5)) "knock" "and its payload"
                    | other -> failtest $"expected two ICMP messages, got {other.Length}"

                    Expect.equal (a.Udp.Counts[UdpCount.PortUnreachableSent]) 2L "A counts both"
                finally
                    (task {
                        do! a.DisposeAsync()
                        do! b.DisposeAsync()
                    })
                        .Wait()
            }

            testTask "a flood to closed ports gets at most a burst of answers; broadcasts get none" {
                let! (_: MemorySwitch), (a: DirectStack), (b: DirectStack) =
                    twoStacks FaultProfile.None 6

                let seen = icmpOf b

                try
                    let! _ = send b "255.255.255.255" 9999
                    let! arrived = waitUntil 5.0 (fun () -> a.Udp.Counts[UdpCount.NoListener] >= 1L)
                    Expect.isTrue arrived "the broadcast reached A's UDP layer"
                    do! Task.Delay 200
                    Expect.equal seen.Count 0 "no answer to a broadcast"
                    Expect.equal (a.Udp.Counts[UdpCount.PortUnreachableSent]) 0L "none sent"

                    // One datagram first, so that ARP has resolved A before the flood (8 packets wait for a resolution).
                    let! _ = send b "10.0.0.2" 10000
                    let! first = waitUntil 5.0 (fun () -> a.Udp.Counts[UdpCount.NoListener] >= 2L)
                    Expect.isTrue first "the first datagram reached A's UDP layer"
                    let before = a.Udp.Counts[UdpCount.PortUnreachableSent]
                    let clock = Diagnostics.Stopwatch.StartNew()

                    for i in 1..200 do
                        let! _ = send b "10.0.0.2" (10000 + i)
                        ()

                    let! all = waitUntil 5.0 (fun () -> a.Udp.Counts[UdpCount.NoListener] >= 202L)
                    let elapsed = clock.Elapsed
                    Expect.isTrue all $"every datagram reached A's UDP layer ({a.Udp.Counts[UdpCount.NoListener]})"
                    let answered = a.Udp.Counts[UdpCount.PortUnreachableSent] - before
                    Expect.isGreaterThanOrEqual answered 9L "the rest of the burst is answered"
                    // The burst of 10, then one per 100 ms at most.
                    let allowed = 10L + int64 (elapsed.TotalMilliseconds / 100.0) + 1L

                    Expect.isLessThanOrEqual
                        answered
                        allowed
                        $"rate-limited ({answered} of 200 in {elapsed.TotalMilliseconds} ms)"

                    Expect.isLessThan answered 200L "not every one answered"
                finally
                    (task {
                        do! a.DisposeAsync()
                        do! b.DisposeAsync()
                    })
                        .Wait()
            }
        ]
