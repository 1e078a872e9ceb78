module Mirage.Tests.Runtime.HappyEyeballsTests

open System
open System.Net
open System.Net.Sockets
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Network.HappyEyeballs
open Mirage.Runtime.Network.Sockets

type private A = HappyEyeballsAction
type private E = HappyEyeballsEvent

let private ms = 1_000_000L
let private host = DomainName.Parse "dual.test"
let private v4 (s: string) = IPAddress.Parse s
let private v6 (s: string) = IPAddress.Parse s

let private connects (actions: seq<HappyEyeballsAction>) =
    actions
    |> Seq.choose (function
        | :? A.Connect as c -> Some(string c.Destination)
        | _ -> None)
    |> List.ofSeq

let private tick (state: HappyEyeballsState) now =
    let struct (actions, more) = state.Timer(now)
    List.ofSeq actions, more

let private failed (actions: seq<HappyEyeballsAction>) =
    actions |> Seq.exists (fun a -> a :? A.ConnectFailed)

/// Drives a connection where both lookups succeed and every attempt fails as soon as it starts;
/// returns the destinations in the order they were tried and whether the end was a failure.
let private allFail (v6s: IPAddress list) (v4s: IPAddress list) (ports: int list) =
    let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
    let mutable now = 0L
    let tried = ResizeArray<string>()
    let mutable gaveUp = false
    let pending = Collections.Generic.Queue<HappyEyeballsAction>()
    let push (actions: seq<HappyEyeballsAction>) = actions |> Seq.iter pending.Enqueue
    push (state.Connect(now, 1, host, List.toArray ports))

    let resolved =
        [
            if not v6s.IsEmpty then
                E.ResolvedAaaa(host, List.toArray v6s) :> E
            else
                E.ResolveAaaaFailed(host, "none")
            if not v4s.IsEmpty then
                E.ResolvedA(host, List.toArray v4s) :> E
            else
                E.ResolveAFailed(host, "none")
        ]

    for e in resolved do
        push (state.Event(now, e))

    while pending.Count > 0 do
        match pending.Dequeue() with
        | :? A.Connect as c ->
            tried.Add(string c.Destination)
            now <- now + ms
            push (state.Event(now, E.ConnectionFailed(host, c.Id, c.Destination, "refused")))
        | :? A.ConnectFailed -> gaveUp <- true
        | _ -> ()

    List.ofSeq tried, gaveUp, state.Pending

let private genAddresses family count =
    Gen.choose (0, count)
    |> Gen.map (fun n -> [ for i in 1..n -> if family = 4 then v4 $"10.0.0.{i}" else v6 $"fd00::{i}" ])

[<Tests>]
let tests =
    testList
        "Runtime.HappyEyeballs"
        [
            testCase "AAAA and A are asked together; with A alone, AAAA is awaited for 50 ms"
            <| fun () ->
                let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
                let start = state.Connect(0L, 1, host, [| 443 |])
                Expect.equal (List.ofSeq start) [ A.ResolveAaaa(host); A.ResolveA(host) ] "both lookups"
                Expect.isEmpty (state.Event(1L * ms, E.ResolvedA(host, [| v4 "10.0.0.1" |]))) "A alone: wait"
                Expect.isEmpty (fst (tick state (40L * ms))) "still waiting at 40 ms"
                let actions, more = tick state (52L * ms)
                Expect.equal (connects actions) [ "10.0.0.1:443" ] "then IPv4"
                Expect.isTrue more "the timer goes on"

            testCase "AAAA within the resolution delay: IPv6 first, then alternate, one attempt per connect delay"
            <| fun () ->
                let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
                state.Connect(0L, 1, host, [| 443 |]) |> ignore

                state.Event(1L * ms, E.ResolvedA(host, [| v4 "10.0.0.1"; v4 "10.0.0.2" |]))
                |> ignore

                let first = state.Event(10L * ms, E.ResolvedAaaa(host, [| v6 "fd00::1" |]))
                Expect.equal (connects first) [ "[fd00::1]:443" ] "IPv6 first"
                Expect.isEmpty (fst (tick state (50L * ms))) "not before the connect delay"
                Expect.equal (connects (fst (tick state (61L * ms)))) [ "10.0.0.1:443" ] "IPv4 next"
                Expect.equal (connects (fst (tick state (112L * ms)))) [ "10.0.0.2:443" ] "then the other"
                Expect.isEmpty (state.Event(113L * ms, E.Connected(host, 1, IPEndPoint(v4 "10.0.0.2", 443)))) "done"
                Expect.equal state.Pending 0 "nothing pending"
                Expect.isFalse (snd (tick state (200L * ms))) "the timer may sleep"

            testCase "a failed attempt starts the next at once; the last failure gives up"
            <| fun () ->
                let tried, gaveUp, pending = allFail [ v6 "fd00::1" ] [ v4 "10.0.0.1" ] [ 80; 8080 ]

                Expect.equal
                    tried
                    [ "[fd00::1]:80"; "10.0.0.1:80"; "[fd00::1]:8080"; "10.0.0.1:8080" ]
                    "every address and port"

                Expect.isTrue gaveUp "connect failed"
                Expect.equal pending 0 "forgotten"

            testCase "both lookups failing fails the connection with the reason"
            <| fun () ->
                let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
                state.Connect(0L, 7, host, [| 443 |]) |> ignore
                Expect.isEmpty (state.Event(1L, E.ResolveAaaaFailed(host, "no AAAA"))) "one failure: wait for the other"

                match List.ofSeq (state.Event(2L, E.ResolveAFailed(host, "NXDOMAIN"))) with
                | [ :? A.ConnectFailed as f ] -> Expect.equal (f.Id, f.Reason) (7, "NXDOMAIN") "the reason"
                | other -> failtest $"{other}"

            testCase "lookups are retried after the resolve timeout, then given up"
            <| fun () ->
                let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
                state.Connect(0L, 1, host, [| 443 |]) |> ignore
                let again = fst (tick state (1001L * ms))
                Expect.equal (List.ofSeq again) [ A.ResolveA(host); A.ResolveAaaa(host) ] "asked again"
                state.Timer(2002L * ms) |> ignore
                Expect.isTrue (failed (fst (tick state (3003L * ms)))) "three tries, then failure"

            testCase "a connection that takes longer than the connect timeout fails"
            <| fun () ->
                let state = HappyEyeballsState(HappyEyeballsTimeouts.Default)
                state.ConnectIp(0L, 1, [| IPEndPoint(v4 "10.0.0.1", 80) |]) |> ignore
                Expect.isFalse (failed (fst (tick state (9_000L * ms)))) "not yet"
                Expect.isTrue (failed (fst (tick state (10_001L * ms)))) "after 10 s"

            testProperty
                "when every attempt fails, each address and port is tried once, IPv6 first, families alternating"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3
                        (genAddresses 6 4)
                        (genAddresses 4 4)
                        (Gen.nonEmptyListOf (Gen.choose (1, 65535)) |> Gen.map List.distinct)
                ))
                (fun (v6s, v4s, ports) ->
                    (not v6s.IsEmpty || not v4s.IsEmpty)
                    ==> lazy
                        (let tried, gaveUp, pending = allFail v6s v4s ports
                         let expected = (v6s @ v4s).Length * ports.Length
                         let isV6 (s: string) = s.StartsWith "["

                         let alternating =
                             tried
                             |> List.take (2 * min v6s.Length v4s.Length)
                             |> List.pairwise
                             |> List.forall (fun (a, b) -> isV6 a <> isV6 b)

                         tried.Length = expected
                         && (List.distinct tried).Length = expected
                         && gaveUp
                         && pending = 0
                         && (v6s.IsEmpty || isV6 tried.Head)
                         && (ports.Length > 1 || alternating)))

            testCase "over the socket stack: ::1 refuses, 127.0.0.1 accepts, the DNS client looks the name up"
            <| fun () ->
                use listener = new TcpListener(IPAddress.Loopback, 0)
                listener.Start()
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port

                let stack = Mirage.Tests.Support.Loopback.stack ()

                let he =
                    HappyEyeballs.Connect(stack, Nullable(), Nullable(), Nullable(), Nullable(), Nullable(), Nullable())

                use server = Mirage.Tests.Support.Dnsmasq.start []
                DnsClient.Connect(stack, he, [| server.Udp |], Nullable(), Nullable()) |> ignore
                let result = he.ConnectAsync("dual.test", [| port |]).AsTask().Result
                Expect.isNull result.Error "connected"
                Expect.equal (string result.Destination) $"127.0.0.1:{port}" "over IPv4, after IPv6 was refused"
                result.Flow.CloseAsync().AsTask().Wait()
                let missing = he.ConnectAsync("nothing.test", [| port |]).AsTask().Result
                Expect.stringContains missing.Error "nothing.test" "a name that does not exist: an error"
                let byIp = he.ConnectAsync("127.0.0.1", [| port |]).AsTask().Result
                Expect.isNull byIp.Error "an address needs no lookup"
                byIp.Flow.CloseAsync().AsTask().Wait()
        ]
