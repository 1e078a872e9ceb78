/// Shared by the tests of our network stack: two stacks on an in-memory switch. (Compiled before the
/// other files of this folder.)
module Mirage.Tests.Runtime.Tcpip.Support

open System
open System.Net
open System.Threading.Tasks
open Mirage.Runtime.Network
open Mirage.Runtime.Tcpip.Ipv4
open Mirage.Runtime.Tcpip.Ipv6
open Mirage.Runtime.Tcpip.Netif
open Mirage.Runtime.Tcpip.Stack

let ip (text: string) = IPAddress.Parse text

let prefix (text: string) = IpPrefix.Parse text

/// Stack options with static addresses on 10.0.0.0/24 and fd00::/64 (IPv4 only, or accepting router
/// advertisements, as asked).
let optionsWith (v4: string) (v6: string) (ipv4Only: bool) (acceptRa: bool) =
    DirectStackOptions(
        Ipv4 = Ipv4Config(prefix v4, ip "10.0.0.1"),
        Ipv6 = Ipv6Config(Nullable(prefix v6), null, acceptRa),
        Ipv4Only = ipv4Only,
        TickInterval = TimeSpan.FromMilliseconds 20.0
    )

/// Stack options with static addresses on 10.0.0.0/24 and fd00::/64.
let staticOptions (v4: string) (v6: string) = optionsWith v4 v6 false false

/// Two stacks, A (10.0.0.2, fd00::2) and B (10.0.0.3, fd00::3), on one switch with the faults given.
let twoStacks (faults: FaultProfile) (seed: int) =
    task {
        let network = MemorySwitch(TimeProvider.System, seed, faults)

        let! a =
            DirectStack.ConnectAsync(network.Connect(), staticOptions "10.0.0.2/24" "fd00::2/64")

        let! b =
            DirectStack.ConnectAsync(network.Connect(), staticOptions "10.0.0.3/24" "fd00::3/64")

        return network, a, b
    }

/// A switch with our DHCP server on 10.0.0.1 (IPv4 only), leasing 10.0.0.100–110 for 10 minutes with
/// 10.0.0.1 as the gateway and 10.0.0.53 as the DNS server.
let dhcpServer (seed: int) =
    task {
        let network = MemorySwitch(TimeProvider.System, seed)

        let! server =
            DirectStack.ConnectAsync(network.Connect(), optionsWith "10.0.0.1/24" "fd00::1/64" true false)

        let dhcp =
            Mirage.Runtime.Tcpip.Dhcp.DhcpServer.Start(
                server.Udp,
                ip "10.0.0.1",
                prefix "10.0.0.0/24",
                ip "10.0.0.100",
                ip "10.0.0.110",
                ip "10.0.0.1",
                [| ip "10.0.0.53" |],
                TimeSpan.FromMinutes 10.0
            )

        return network, server, dhcp
    }

/// Waits until <paramref name="condition"/> holds, polling, for at most <paramref name="seconds"/>.
let waitUntil (seconds: float) (condition: unit -> bool) =
    task {
        let deadline = DateTime.UtcNow.AddSeconds seconds

        while not (condition ()) && DateTime.UtcNow < deadline do
            do! Task.Delay 10

        return condition ()
    }

/// Waits until both stacks' IPv6 addresses passed duplicate address detection.
let ipv6Ready (stack: DirectStack) =
    waitUntil 5.0 (fun () -> stack.Ipv6.ConfiguredAddresses.Count >= 2)
