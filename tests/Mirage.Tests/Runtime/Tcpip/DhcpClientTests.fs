/// The DHCP client's state machine alone, time passed in as milliseconds: retries and extension of the lease, NAKs,
/// the options it asks for and keeps (the lease's DNS servers become the DNS client's nameservers), and hostile
/// replies, which never throw nor configure an address, netmask or gateway IPv4 could not use.
module Mirage.Tests.Runtime.Tcpip.DhcpClientTests

open System
open System.Net
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Network
open Mirage.Runtime.Network.Dns
open Mirage.Runtime.Tcpip.Common
open Mirage.Runtime.Tcpip.Dhcp
open Mirage.Runtime.Tcpip.Ipv4
open Mirage.Runtime.Tcpip.Wire

let private mac = MacAddress.FromValue 0x02_00_00_00_00_01UL
let private server = 0x0A00_0001u
let private ours = 0x0A00_0064u

/// A reply to `client`'s transaction: 10.0.0.100/24 through 10.0.0.1 for `seconds`, DNS server 10.0.0.53.
let private reply (client: DhcpClient) kind (seconds: uint32) =
    DhcpMessage(
        true,
        client.TransactionId,
        mac,
        kind,
        YourIp = ours,
        SubnetMask = 0xFFFF_FF00u,
        Router = server,
        DnsServers = [| 0x0A00_0035u |],
        LeaseSeconds = seconds,
        ServerIdentifier = server
    )

/// The message as the wire carries it: written, then parsed (so its options are kept as they came).
let private onTheWire (message: DhcpMessage) =
    let buffer = Array.zeroCreate message.MaxLength
    let length = message.Write(Span buffer)
    let ok, parsed = DhcpMessage.TryParse(ReadOnlySpan(buffer, 0, length))
    Expect.isTrue ok "parses"
    parsed

/// A client bound at time 0 by an offer and an ack of `seconds`.
let private bound (seconds: uint32) =
    let client = DhcpClient(mac, 1)
    client.Start 0L |> ignore
    client.Handle(0L, reply client DhcpMessageType.Offer seconds) |> ignore

    let _, changed =
        client.Handle(0L, onTheWire (reply client DhcpMessageType.Ack seconds))

    Expect.isTrue changed "bound"
    client

let private sendAt (client: DhcpClient) (now: int64) =
    let send, _ = client.Tick now
    send

/// Whether `lease` is one IPv4 can be configured with (as --ipv4 and --ipv4-gateway would be checked).
let private usable (lease: DhcpLease) =
    let address = Addresses.V4 lease.Address.Address
    let mask = Addresses.MaskV4 lease.Address.Length
    let host = address &&& ~~~mask

    address <> 0u
    && address >>> 24 <> 127u
    && address >>> 28 < 14u
    && (lease.Address.Length >= 31 || (host <> 0u && host <> ~~~mask))
    && Ipv4Config(lease.Address, lease.Gateway).Validate() = null
    && lease.Renewal > TimeSpan.Zero
    && lease.Renewal <= lease.Rebinding
    && lease.Rebinding <= lease.Duration

let private genUInt32 =
    Gen.oneof
        [
            Gen.choose64 (0L, 0xFFFF_FFFFL) |> Gen.map uint32
            Gen.elements
                [
                    0u
                    1u
                    0xFFFF_FFFFu
                    0x7F00_0001u
                    0xE000_0001u
                    0x0A00_0000u
                    0x0A00_00FFu
                    ours
                    server
                ]
        ]

let private genMask =
    Gen.oneof
        [
            Gen.choose (0, 32)
            |> Gen.map (fun n -> if n = 0 then 0u else 0xFFFF_FFFFu <<< (32 - n))
            genUInt32
        ]

[<Tests>]
let tests =
    testList
        "Runtime.Tcpip.DhcpClient"
        [
            // T1, T2 and expiry themselves: LayerTests' "DHCP client: renews at T1 ...".
            testCase "renewal retries come halfway to T2; an ack while rebinding extends the lease from its arrival"
            <| fun () ->
                // 1000 s: T1 at 500 s, T2 at 875 s (RFC 2131's defaults without options 58 and 59).
                let client = bound 1000u
                Expect.equal client.Lease.Gateway (IPAddress.Parse "10.0.0.1") "the gateway"
                let renew = (sendAt client 500_000L).Value
                Expect.equal renew.Message.RequestedIp 0u "no requested address while renewing (RFC 2131 4.3.2)"
                Expect.isNone (Option.ofNullable (sendAt client 500_001L)) "no retry at once"
                Expect.isNone (Option.ofNullable (sendAt client 687_499L)) "nor before halfway to T2"
                Expect.isSome (Option.ofNullable (sendAt client 687_500L)) "retried halfway to T2 (187.5 s later)"
                sendAt client 875_000L |> ignore
                Expect.equal client.Phase DhcpPhase.Rebinding "rebinding"

                let _, changed = client.Handle(900_000L, reply client DhcpMessageType.Ack 1000u)

                Expect.isTrue changed "extended by another server's ack"
                Expect.equal client.Phase DhcpPhase.Bound "bound again"
                Expect.isNone (Option.ofNullable (sendAt client 1_000_000L)) "the old expiry passes quietly"
                Expect.isNotNull client.Lease "still leased"
                Expect.isSome (Option.ofNullable (sendAt client 1_400_000L)) "the next T1 counts from the ack"
                sendAt client 1_775_000L |> ignore
                let _, lost = client.Tick 1_900_000L
                Expect.isTrue lost "lost 1000 s after that ack"

            testCase "a NAK while renewing drops the lease and starts over; replies to another transaction are ignored"
            <| fun () ->
                let client = bound 1000u
                sendAt client 500_000L |> ignore
                let stale = DhcpMessage(true, client.TransactionId + 1u, mac, DhcpMessageType.Nak)
                let ignored, unchanged = client.Handle(500_100L, stale)
                Expect.isFalse (ignored.HasValue || unchanged) "another transaction's NAK is ignored"
                Expect.isNotNull client.Lease "still leased"

                let restart, changed =
                    client.Handle(500_200L, DhcpMessage(true, client.TransactionId, mac, DhcpMessageType.Nak))

                Expect.isTrue changed "lost"
                Expect.isNull client.Lease "no lease"
                Expect.equal restart.Value.Message.Type DhcpMessageType.Discover "discovering"

            testCase "asks for its options and the requests added, and keeps every option of the ack as the lease's"
            <| fun () ->
                let client = DhcpClient(mac, 1, [| 42uy; 6uy; 1uy |])
                let discover = onTheWire (client.Start 0L).Message
                Expect.equal discover.ParameterRequests [| 1uy; 3uy; 6uy; 51uy; 58uy; 59uy; 42uy |] "ours, then 42 once"
                let plain = onTheWire (DhcpClient(mac, 1).Start 0L).Message
                Expect.equal plain.ParameterRequests [| 1uy; 3uy; 6uy; 51uy; 58uy; 59uy |] "ours alone by default"
                client.Handle(0L, reply client DhcpMessageType.Offer 600u) |> ignore
                client.Handle(0L, onTheWire (reply client DhcpMessageType.Ack 600u)) |> ignore
                let options = client.Lease.Options
                Expect.isTrue options.IsLease "a lease"
                Expect.sequenceEqual options.DnsServers [ IPAddress.Parse "10.0.0.53" ] "its DNS server"
                Expect.equal (options.Find 51uy) [| 0uy; 0uy; 2uy; 88uy |] "the lease time, as sent"
                Expect.isNull (options.Find 42uy) "no NTP server sent"

                Expect.sequenceEqual
                    (DnsClient.NameserversOf(null, options))
                    [ "udp:10.0.0.53"; "tcp:10.0.0.53" ]
                    "the DNS client asks the lease's server over UDP, then TCP"

                Expect.sequenceEqual
                    (DnsClient.NameserversOf([| "udp:9.9.9.9" |], options))
                    [ "udp:9.9.9.9" ]
                    "nameservers given win"

                Expect.isNull (DnsClient.NameserversOf(null, DhcpLeaseOptions.None)) "no lease: the defaults"

                let odd = DhcpLeaseOptions.Of [| DhcpOption(6uy, [| 1uy; 2uy; 3uy |]) |]
                Expect.isEmpty odd.DnsServers "a DNS option not made of addresses is skipped"

            testProperty "a hostile offer or ack never throws and never configures what IPv4 cannot use"
            <| Prop.forAll
                (Arb.fromGen (
                    Gen.zip3 (Gen.zip3 genUInt32 genMask genUInt32) (Gen.zip3 genUInt32 genUInt32 genUInt32) genUInt32
                ))
                (fun ((yours, mask, router), (lease, t1, t2), serverId) ->
                    let client = DhcpClient(mac, 7)
                    client.Start 0L |> ignore

                    let hostile kind =
                        DhcpMessage(
                            true,
                            client.TransactionId,
                            mac,
                            kind,
                            YourIp = yours,
                            SubnetMask = mask,
                            Router = router,
                            LeaseSeconds = lease,
                            RenewalSeconds = t1,
                            RebindingSeconds = t2,
                            ServerIdentifier = serverId
                        )

                    client.Handle(0L, onTheWire (hostile DhcpMessageType.Offer)) |> ignore
                    let _, changed = client.Handle(1L, onTheWire (hostile DhcpMessageType.Ack))

                    let acked =
                        if changed then
                            client.Lease <> null && usable client.Lease
                        else
                            client.Lease = null
                    // Then time runs: the timers never throw either.
                    for now in [ 1_000L; 3_600_000L; 100_000_000L; 3_000_000_000L ] do
                        client.Tick now |> ignore

                    acked && (client.Lease = null || usable client.Lease))
        ]
