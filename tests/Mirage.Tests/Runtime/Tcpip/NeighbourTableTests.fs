/// The neighbour table's unreachability detection (RFC 4861 §7.3, appendix C), time passed in: INCOMPLETE,
/// REACHABLE, STALE, DELAY and PROBE, and its bounds; then the same through the IPv6 and ARP layers on the in-memory
/// switch.
module Mirage.Tests.Runtime.Tcpip.NeighbourTableTests

open System
open System.Collections.Generic
open Expecto
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Arp
open Mirage.Runtime.Tcpip.Common
open Mirage.Runtime.Tcpip.Ipv4
open Mirage.Runtime.Tcpip.Ipv6
open Mirage.Runtime.Tcpip.Ethernet
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack
open Mirage.Tests.Runtime.Fakes
open Mirage.Tests.Runtime.Tcpip.Support

let private mac n = MacAddress.LocalFrom(uint64 n)

/// A table with RFC 4861's timers and small bounds.
let private table () =
    NeighbourTable<int>(NeighbourTableOptions(MaxEntries = 4, MaxIncomplete = 2, MaxQueued = 2))

/// Ticks at `now`: the probes asked for (key, kind) and how many entries were given up.
let private tick (t: NeighbourTable<int>) now =
    let probes = List<struct (int * NeighbourTable<int>.Entry * NeighbourProbe)>()
    let removed = List<NeighbourTable<int>.Entry>()
    t.Tick(now, probes, removed)
    [ for struct (key, _, probe) in probes -> key, probe ], removed.Count

let private state (t: NeighbourTable<int>) key = t.Find(key).State

/// Sends to `key` at `now`: where to (if known), its entry, and the solicitation asked for (F# returns `out` parameters).
let private send
    (t: NeighbourTable<int>)
    key
    now
    : Nullable<MacAddress> * NeighbourTable<int>.Entry * Nullable<NeighbourProbe> =
    t.Send(key, now)

/// Stops a client built layer by layer: its receive loop, then its interface.
let private stopClient (stop: Threading.CancellationTokenSource) (netif: INetif) (listening: Threading.Tasks.Task) =
    task {
        stop.Cancel()
        do! netif.DisconnectAsync()

        try
            do! listening
        with :? OperationCanceledException ->
            ()

        stop.Dispose()
    }

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.NeighbourTable"
        [
            testCase "resolution: INCOMPLETE, three multicast solicitations one second apart, then given up"
            <| fun () ->
                let t = table ()
                let sendTo, entry, probe = send t 1 0L
                Expect.isFalse sendTo.HasValue "nothing to send to yet"
                Expect.equal probe (Nullable NeighbourProbe.Multicast) "a multicast solicitation"
                Expect.equal entry.State NeighbourState.Incomplete "incomplete"
                Expect.equal (tick t 999L) ([], 0) "nothing before RetransTimer"
                Expect.equal (tick t 1000L) ([ 1, NeighbourProbe.Multicast ], 0) "second solicitation"
                Expect.equal (tick t 2000L) ([ 1, NeighbourProbe.Multicast ], 0) "third"
                Expect.equal (tick t 3000L) ([], 1) "given up after MAX_MULTICAST_SOLICIT"
                Expect.isNull (t.Find 1) "removed"

            testCase "an unsolicited advertisement resolves to STALE, a solicited one to REACHABLE"
            <| fun () ->
                let t = table ()
                send t 1 0L |> ignore
                send t 2 0L |> ignore
                let flushed = t.Advertised(1, Nullable(mac 1), false, true, 10L)
                Expect.equal flushed (t.Find 1) "its queue is to be flushed"
                Expect.equal (state t 1) NeighbourState.Stale "unsolicited: STALE"
                t.Advertised(2, Nullable(mac 2), true, false, 10L) |> ignore
                Expect.equal (state t 2) NeighbourState.Reachable "solicited: REACHABLE"
                Expect.isNull (t.Advertised(3, Nullable(mac 3), true, true, 10L)) "nobody asked for 3"
                Expect.isNull (t.Find 3) "not created"

            testCase
                "REACHABLE turns STALE after ReachableTime; a packet then DELAYs, PROBEs unicast three times, gives up"
            <| fun () ->
                let t = table ()
                send t 1 0L |> ignore
                t.Advertised(1, Nullable(mac 1), true, false, 0L) |> ignore
                Expect.equal (tick t 29_999L) ([], 0) "reachable for 30 s"
                Expect.equal (state t 1) NeighbourState.Reachable "still reachable"
                tick t 30_000L |> ignore
                Expect.equal (state t 1) NeighbourState.Stale "stale after ReachableTime"
                Expect.equal (tick t 100_000L) ([], 0) "a stale entry waits, with no traffic"
                let sendTo, _, probe = send t 1 100_000L
                Expect.equal sendTo (Nullable(mac 1)) "sent at once to the cached address"
                Expect.isFalse probe.HasValue "no solicitation yet"
                Expect.equal (state t 1) NeighbourState.Delay "DELAY"
                Expect.equal (tick t 104_999L) ([], 0) "for DELAY_FIRST_PROBE_TIME"
                Expect.equal (tick t 105_000L) ([ 1, NeighbourProbe.Unicast ], 0) "then a unicast probe"
                Expect.equal (state t 1) NeighbourState.Probe "PROBE"
                let probedTo, _, _ = send t 1 105_500L
                Expect.equal probedTo (Nullable(mac 1)) "still sent to while probed"
                Expect.equal (tick t 106_000L) ([ 1, NeighbourProbe.Unicast ], 0) "second probe"
                Expect.equal (tick t 107_000L) ([ 1, NeighbourProbe.Unicast ], 0) "third probe"
                Expect.equal (tick t 108_000L) ([], 1) "unreachable after MAX_UNICAST_SOLICIT"
                Expect.isNull (t.Find 1) "removed"

            testCase "a solicited advertisement in DELAY or PROBE confirms: REACHABLE again"
            <| fun () ->
                let t = table ()
                t.Heard(1, mac 1, 0L) |> ignore
                Expect.equal (state t 1) NeighbourState.Stale "heard unasked: STALE"
                send t 1 0L |> ignore
                Expect.equal (state t 1) NeighbourState.Delay "delay"
                tick t 5000L |> ignore
                Expect.equal (state t 1) NeighbourState.Probe "probe"
                t.Advertised(1, Nullable(), true, false, 5100L) |> ignore
                Expect.equal (state t 1) NeighbourState.Reachable "confirmed without a link option"
                Expect.equal (tick t 35_099L) ([], 0) "reachable for ReachableTime from the confirmation"

            testCase "a different link address: ignored without override (REACHABLE turns STALE), taken with it"
            <| fun () ->
                let t = table ()
                send t 1 0L |> ignore
                t.Advertised(1, Nullable(mac 1), true, false, 0L) |> ignore
                t.Advertised(1, Nullable(mac 9), true, false, 10L) |> ignore
                Expect.equal (t.Find(1).Mac) (Nullable(mac 1)) "kept without override"
                Expect.equal (state t 1) NeighbourState.Stale "but no longer trusted"
                t.Advertised(1, Nullable(mac 9), false, true, 20L) |> ignore
                Expect.equal (t.Find(1).Mac) (Nullable(mac 9)) "replaced with override"
                Expect.equal (state t 1) NeighbourState.Stale "unsolicited: STALE"
                t.Heard(1, mac 7, 30L) |> ignore
                Expect.equal (t.Find(1).Mac) (Nullable(mac 7)) "a solicitation's source link address updates it"

            testCase "bounded: two resolutions at once, four entries, the stale one heard longest ago evicted first"
            <| fun () ->
                let t = table ()
                send t 1 0L |> ignore
                send t 2 0L |> ignore
                let _, refused, _ = send t 3 0L
                Expect.isNull refused "a third resolution at once is refused"
                t.Heard(10, mac 10, 1L) |> ignore
                t.Heard(11, mac 11, 2L) |> ignore
                t.Advertised(1, Nullable(mac 1), true, false, 3L) |> ignore
                Expect.equal t.Count 4 "full"
                t.Heard(12, mac 12, 4L) |> ignore
                Expect.equal t.Count 4 "still four"
                Expect.isNull (t.Find 10) "the stale entry heard longest ago went"
                Expect.isNotNull (t.Find 1) "the reachable one stayed"
                Expect.isNotNull (t.Find 2) "and the one being resolved"
                let _, entry, _ = send t 2 5L
                Expect.isTrue (t.CanQueue entry) "room for a packet"
                entry.Waiting.Enqueue((Array.zeroCreate 1, 1))
                entry.Waiting.Enqueue((Array.zeroCreate 1, 1))
                Expect.isFalse (t.CanQueue entry) "two packets queued at most"

            testTask
                "through the IPv6 layer: a neighbour that goes silent is probed by unicast and given up (time passed in)" {
                let network = MemorySwitch(TimeProvider.System, 21)

                let! (peer: DirectStack) =
                    DirectStack.ConnectAsync(network.Connect(), optionsWith "10.0.0.1/24" "fd00::1/64" false false)

                let clock = ManualTimeProvider(DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero))
                let netif = network.Connect()
                let ethernet = EthernetLayer.Connect netif

                let v6 =
                    Ipv6Layer.Connect(ethernet, clock, Ipv6Config(prefix "fd00::2/64", null, false))

                let stop = new Threading.CancellationTokenSource()

                let listening =
                    netif.ListenAsync(FrameHandler(fun f -> ethernet.InputAsync f), stop.Token)

                let! ready = ipv6Ready peer
                Expect.isTrue ready "the peer's addresses are ours to reach"
                clock.Advance(TimeSpan.FromSeconds 2.0)
                v6.Tick()

                let ping () =
                    Mirage.Runtime.Tcpip.Icmp.EchoClient
                        .Connect(v6)
                        .PingAsync(ip "fd00::1", timeout = TimeSpan.FromSeconds 2.0)

                let peerAddress = ip "fd00::1"
                let! (first: Nullable<TimeSpan>) = ping ()
                Expect.isTrue first.HasValue "resolved and answered"
                Expect.equal (v6.NeighbourStateOf peerAddress) (Nullable NeighbourState.Reachable) "REACHABLE"
                clock.Advance(TimeSpan.FromSeconds 31.0)
                v6.Tick()
                Expect.equal (v6.NeighbourStateOf peerAddress) (Nullable NeighbourState.Stale) "STALE after 30 s"
                let! (second: Nullable<TimeSpan>) = ping ()
                Expect.isTrue second.HasValue "sent at once to the cached address"
                Expect.equal (v6.NeighbourStateOf peerAddress) (Nullable NeighbourState.Delay) "DELAY"
                clock.Advance(TimeSpan.FromSeconds 5.0)
                v6.Tick()
                Expect.equal (v6.Counts[Ipv6Count.NeighborProbesSent]) 1L "a unicast probe"

                let! confirmed =
                    waitUntil 5.0 (fun () -> v6.NeighbourStateOf peerAddress = Nullable NeighbourState.Reachable)

                Expect.isTrue confirmed "the peer's solicited advertisement confirms it: REACHABLE"

                // The peer goes silent: STALE, DELAY, three unanswered probes, gone.
                do! peer.DisposeAsync()
                clock.Advance(TimeSpan.FromSeconds 31.0)
                v6.Tick()
                let! (_: Nullable<TimeSpan>) = ping ()

                for _ in 1..4 do
                    clock.Advance(TimeSpan.FromSeconds 5.0)
                    v6.Tick()

                Expect.equal (v6.Counts[Ipv6Count.NeighborProbesSent]) 4L "three more probes"
                Expect.equal (v6.Counts[Ipv6Count.NeighborsUnreachable]) 1L "declared unreachable"
                Expect.isFalse (v6.NeighbourStateOf(peerAddress).HasValue) "and forgotten"

                do! stopClient stop netif listening
            }

            testTask
                "through ARP: a next hop is checked by unicast requests once stale, and given up when silent (time passed in)" {
                let network = MemorySwitch(TimeProvider.System, 22)

                let! (peer: DirectStack) =
                    DirectStack.ConnectAsync(network.Connect(), optionsWith "10.0.0.1/24" "fd00::1/64" true false)

                let clock = ManualTimeProvider(DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero))
                let netif = network.Connect()
                let ethernet = EthernetLayer.Connect netif
                let arp = ArpLayer.Connect(ethernet, clock)

                let v4 =
                    Ipv4Layer.Connect(ethernet, arp, clock, Ipv4Config(prefix "10.0.0.2/24", null))

                let stop = new Threading.CancellationTokenSource()

                let listening =
                    netif.ListenAsync(FrameHandler(fun f -> ethernet.InputAsync f), stop.Token)

                let peerAddress = ip "10.0.0.1"

                let ping () =
                    Mirage.Runtime.Tcpip.Icmp.EchoClient
                        .Connect(v4)
                        .PingAsync(peerAddress, timeout = TimeSpan.FromSeconds 2.0)

                let! (first: Nullable<TimeSpan>) = ping ()
                Expect.isTrue first.HasValue "resolved and answered"
                Expect.equal (arp.StateOf peerAddress) (Nullable NeighbourState.Reachable) "a reply: REACHABLE"
                let requests = arp.Counts[ArpCount.RequestsSent]
                clock.Advance(TimeSpan.FromMinutes 5.0 + TimeSpan.FromSeconds 1.0)
                arp.Tick()
                Expect.equal (arp.StateOf peerAddress) (Nullable NeighbourState.Stale) "STALE after the entry lifetime"
                let! (second: Nullable<TimeSpan>) = ping ()
                Expect.isTrue second.HasValue "sent at once to the cached address"
                Expect.equal (arp.Counts[ArpCount.RequestsSent]) requests "no request for that"
                clock.Advance(TimeSpan.FromSeconds 5.0)
                arp.Tick()
                Expect.equal (arp.Counts[ArpCount.RequestsSent]) (requests + 1L) "a unicast request"

                let! confirmed =
                    waitUntil 5.0 (fun () -> arp.StateOf peerAddress = Nullable NeighbourState.Reachable)

                Expect.isTrue confirmed "the peer's reply confirms it"

                do! peer.DisposeAsync()
                clock.Advance(TimeSpan.FromMinutes 5.0 + TimeSpan.FromSeconds 1.0)
                arp.Tick()
                let! (_: Nullable<TimeSpan>) = ping ()

                for _ in 1..4 do
                    clock.Advance(TimeSpan.FromSeconds 5.0)
                    arp.Tick()

                Expect.equal (arp.Counts[ArpCount.RequestsSent]) (requests + 4L) "three more unicast requests"
                Expect.equal (arp.Counts[ArpCount.Unresolved]) 1L "given up"
                Expect.isFalse (arp.StateOf(peerAddress).HasValue) "and forgotten"
                do! stopClient stop netif listening
            }
        ]
