module Mirage.Tests.Runtime.DnsClientTests

open System
open System.Net
open Expecto
open Mirage.Runtime.Network.Dns

let private name (text: string) = DomainName.Parse text

let private parse text =
    match Nameserver.TryParse text with
    | true, ns, _ -> Ok(string ns)
    | false, _, error -> Error error

let private reply (query: DnsMessage) rcode (answers: DnsResourceRecord list) (authority: DnsResourceRecord list) =
    DnsMessage(
        query.Id,
        DnsFlags.Response,
        0uy,
        rcode,
        query.Questions,
        List.toArray answers,
        List.toArray authority,
        [||]
    )

let private soa =
    SoaRecord(name "ns.example.org", name "admin.example.org", 1u, 2u, 3u, 4u, 30u)

[<Tests>]
let tests =
    testList
        "Runtime.Dns.Client"
        [
            testCase "nameservers in upstream's syntax"
            <| fun () ->
                Expect.equal (parse "udp:127.0.0.1") (Ok "udp:127.0.0.1:53") "udp, default port"
                Expect.equal (parse "tcp:127.0.0.1:5353") (Ok "tcp:127.0.0.1:5353") "tcp with port"
                Expect.equal (parse "udp:[::1]:5353") (Ok "udp:[::1]:5353") "IPv6 with port"
                Expect.equal (parse "tcp:::1") (Ok "tcp:[::1]:53") "IPv6 without port"
                Expect.equal (parse "tls:1.2.3.4") (Ok "tls:1.2.3.4:853") "DNS over TLS, port 853"

                for bad, reason in
                    [
                        "127.0.0.1", "expected udp:IP"
                        "http:1.2.3.4", "expected udp:IP"
                        "udp:1.2", "no IP address"
                        "udp:example.org", "no IP address"
                        "udp:1.2.3.4:0", "no IP address"
                        "udp:1.2.3.4:70000", "no IP address"
                        "tls:1.2.3", "no IP address"
                    ] do
                    match parse bad with
                    | Ok ns -> failtest $"{bad} parsed as {ns}"
                    | Error e -> Expect.stringContains e reason bad

            testCase "a reply must answer the query: id, response flag, question"
            <| fun () ->
                let query = DnsMessage.Query(7us, name "example.org", DnsRecordType.A)

                let message id flags questions =
                    DnsMessage(id, flags, 0uy, DnsResponseCode.NoError, questions, [||], [||], [||])

                let ok = message 7us DnsFlags.Response query.Questions
                Expect.isNull (DnsResponse.Mismatch(query, ok)) "a matching reply"

                Expect.stringContains
                    (DnsResponse.Mismatch(query, message 8us DnsFlags.Response query.Questions))
                    "id 8"
                    "another id"

                Expect.stringContains
                    (DnsResponse.Mismatch(query, message 7us DnsFlags.None query.Questions))
                    "response"
                    "a query back"

                let other =
                    message 7us DnsFlags.Response [| DnsQuestion(name "evil.org", DnsRecordType.A) |]

                Expect.stringContains (DnsResponse.Mismatch(query, other)) "evil.org" "another question"

            testCase "CNAMEs are followed to the records asked for; none: no data; NXDOMAIN: no domain"
            <| fun () ->
                let question = DnsQuestion(name "www.example.org", DnsRecordType.A)

                let query =
                    DnsMessage(
                        1us,
                        DnsFlags.RecursionDesired,
                        0uy,
                        DnsResponseCode.NoError,
                        [| question |],
                        [||],
                        [||],
                        [||]
                    )

                let cname =
                    DnsResourceRecord(
                        name "www.example.org",
                        300u,
                        NameRecord(DnsRecordType.CNAME, name "web.example.org")
                    )

                let a ttl (ip: string) =
                    DnsResourceRecord(name "web.example.org", ttl, ARecord(IPAddress.Parse ip))

                match
                    DnsResponse.Interpret(
                        question,
                        reply query DnsResponseCode.NoError [ cname; a 60u "10.0.0.1"; a 30u "10.0.0.2" ] []
                    )
                with
                | :? DnsAnswer.Data as data ->
                    Expect.equal data.Name (name "web.example.org") "the chain's end"
                    Expect.equal data.Ttl 30u "the smallest TTL"
                    Expect.equal data.Records.Count 2 "both addresses"
                | other -> failtest $"{other}"

                let soaRecord = DnsResourceRecord(name "example.org", 60u, soa)

                match DnsResponse.Interpret(question, reply query DnsResponseCode.NoError [ cname ] [ soaRecord ]) with
                | :? DnsAnswer.NoData as noData -> Expect.equal noData.Soa soa "with the SOA"
                | other -> failtest $"{other}"

                Expect.isTrue
                    (DnsResponse.Interpret(question, reply query DnsResponseCode.NXDomain [] [ soaRecord ])
                        :? DnsAnswer.NoDomain)
                    "NXDOMAIN"

                match DnsResponse.Interpret(question, reply query DnsResponseCode.ServFail [] []) with
                | :? DnsAnswer.Failure as f -> Expect.stringContains f.Message "ServFail" "the code"
                | other -> failtest $"{other}"

            testCase "a CNAME loop ends in an error"
            <| fun () ->
                let question = DnsQuestion(name "a.org", DnsRecordType.A)

                let query =
                    DnsMessage(1us, DnsFlags.None, 0uy, DnsResponseCode.NoError, [| question |], [||], [||], [||])

                let link a b =
                    DnsResourceRecord(name a, 60u, NameRecord(DnsRecordType.CNAME, name b))

                match
                    DnsResponse.Interpret(
                        question,
                        reply query DnsResponseCode.NoError [ link "a.org" "b.org"; link "b.org" "a.org" ] []
                    )
                with
                | :? DnsAnswer.Failure as f -> Expect.stringContains f.Message "CNAME" "says why"
                | other -> failtest $"{other}"

            testCase "the cache keeps answers for their TTL, least recently used out first"
            <| fun () ->
                let cache = DnsCache 2
                let s = 1_000_000_000L

                let data n =
                    DnsAnswer.Data(name n, 10u, [| ARecord(IPAddress.Loopback) |])

                cache.Set(name "a.org", DnsRecordType.A, data "a.org", 0L)
                cache.Set(name "b.org", DnsRecordType.A, data "b.org", 0L)

                match cache.Get(name "A.ORG", DnsRecordType.A, 4L * s) with
                | :? DnsAnswer.Data as d -> Expect.equal d.Ttl 6u "TTL reduced by its age"
                | other -> failtest $"{other}"

                cache.Set(name "c.org", DnsRecordType.A, data "c.org", 5L * s)
                Expect.isNull (cache.Get(name "b.org", DnsRecordType.A, 5L * s)) "b, least recently used, is out"
                Expect.isNotNull (cache.Get(name "a.org", DnsRecordType.A, 5L * s)) "a stays"
                Expect.isNull (cache.Get(name "a.org", DnsRecordType.A, 10L * s)) "expired"
                Expect.isNull (cache.Get(name "a.org", DnsRecordType.AAAA, 0L)) "another type"
                cache.Set(name "n.org", DnsRecordType.A, DnsAnswer.NoDomain(name "n.org", null), 0L)
                Expect.isNull (cache.Get(name "n.org", DnsRecordType.A, 0L)) "no SOA: a negative answer is not kept"
                cache.Set(name "n.org", DnsRecordType.A, DnsAnswer.NoDomain(name "n.org", soa), 0L)
                Expect.isNotNull (cache.Get(name "n.org", DnsRecordType.A, 29L * s)) "kept for the SOA minimum"
        ]
