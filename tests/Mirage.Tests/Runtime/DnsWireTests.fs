module Mirage.Tests.Runtime.DnsWireTests

open System
open System.Net
open Expecto
open FsCheck
open FsCheck.FSharp
open Mirage.Runtime.Network.Dns

let private name (text: string) = DomainName.Parse text

// Generators: names from a small alphabet (so that suffixes repeat and compression is exercised),
// every record type the codec knows, and whole messages.
let private label =
    Gen.elements [ "a"; "b"; "www"; "example"; "org"; "MiXeD"; "x-1"; String('l', 40) ]

let private genName =
    Gen.listOfLength 4 label
    |> Gen.bind (fun labels -> Gen.choose (0, 4) |> Gen.map (fun n -> List.take n labels))
    |> Gen.map (fun labels ->
        if labels.IsEmpty then
            DomainName.Root
        else
            name (String.Join('.', labels)))

let private genBytes maxLength =
    Gen.choose (0, maxLength)
    |> Gen.bind (fun n -> Gen.arrayOfLength n (Gen.choose (0, 255) |> Gen.map byte))

let private genData: Gen<DnsRecordData> =
    let u16 = Gen.choose (0, 65535) |> Gen.map uint16
    let u32 = ArbMap.defaults |> ArbMap.generate<uint32>

    Gen.oneof
        [
            Gen.arrayOfLength 4 (Gen.choose (0, 255) |> Gen.map byte)
            |> Gen.map (fun b -> ARecord(IPAddress b) :> DnsRecordData)
            Gen.arrayOfLength 16 (Gen.choose (0, 255) |> Gen.map byte)
            |> Gen.map (fun b -> AaaaRecord(IPAddress b) :> DnsRecordData)
            Gen.map2
                (fun t n -> NameRecord(t, n) :> DnsRecordData)
                (Gen.elements [ DnsRecordType.CNAME; DnsRecordType.NS; DnsRecordType.PTR ])
                genName
            Gen.map2 (fun p n -> MxRecord(p, n) :> DnsRecordData) u16 genName
            Gen.map4 (fun a b c n -> SrvRecord(a, b, c, n) :> DnsRecordData) u16 u16 u16 genName
            Gen.map4
                (fun (m, r) s (a, b) (c, d) -> SoaRecord(m, r, s, a, b, c, d) :> DnsRecordData)
                (Gen.zip genName genName)
                u32
                (Gen.zip u32 u32)
                (Gen.zip u32 u32)
            Gen.nonEmptyListOf (genBytes 255)
            |> Gen.map (fun strings -> TxtRecord(List.toArray strings) :> DnsRecordData)
            Gen.map2
                (fun t b -> UnknownRecord(LanguagePrimitives.EnumOfValue<uint16, DnsRecordType> t, b) :> DnsRecordData)
                (Gen.elements [ 99us; 257us; 65280us ])
                (genBytes 40)
        ]

let private genRecord =
    Gen.map3 (fun n ttl d -> DnsResourceRecord(n, ttl, d)) genName (ArbMap.defaults |> ArbMap.generate<uint32>) genData

let private genMessage =
    gen {
        let! id = Gen.choose (0, 65535)

        let! flags =
            Gen.elements
                [
                    DnsFlags.None
                    DnsFlags.RecursionDesired
                    DnsFlags.Response ||| DnsFlags.RecursionAvailable
                ]

        let! rcode =
            Gen.elements [ DnsResponseCode.NoError; DnsResponseCode.NXDomain; DnsResponseCode.ServFail ]

        let! questions =
            Gen.listOf (
                Gen.map2
                    (fun n t -> DnsQuestion(n, t))
                    genName
                    (Gen.elements [ DnsRecordType.A; DnsRecordType.AAAA; DnsRecordType.TXT ])
            )

        let! answers = Gen.listOf genRecord
        let! authority = Gen.listOf genRecord
        let! additional = Gen.listOf genRecord

        return
            DnsMessage(
                uint16 id,
                flags,
                0uy,
                rcode,
                List.toArray questions,
                List.toArray answers,
                List.toArray authority,
                List.toArray additional
            )
    }

let private config =
    { FsCheckConfig.defaultConfig with
        maxTest = 300
    }

/// A message built by hand: header fields, then raw section octets.
let private raw (id: int) (counts: int list) (body: byte list) =
    let header =
        [ byte (id >>> 8); byte id; 0x81uy; 0x80uy ]
        @ (counts |> List.collect (fun c -> [ byte (c >>> 8); byte c ]))

    List.toArray (header @ body)

let private expectError (octets: byte array) (fragment: string) =
    let result = DnsMessageDecoder.Decode(ReadOnlySpan octets)
    Expect.isFalse result.IsOk "rejected"
    Expect.stringContains result.Error fragment "the reason"

[<Tests>]
let tests =
    testList
        "Runtime.Dns.Wire"
        [
            testPropertyWithConfig config "decode (encode m) = m"
            <| Prop.forAll (Arb.fromGen genMessage) (fun message ->
                let decoded =
                    DnsMessageDecoder.Decode(ReadOnlySpan(DnsMessageEncoder.Encode message))

                decoded.IsOk && decoded.Message.Equals message)

            testPropertyWithConfig
                { config with maxTest = 60 }
                "every prefix of an encoded message is rejected, never a crash"
            <| Prop.forAll (Arb.fromGen genMessage) (fun message ->
                let octets = DnsMessageEncoder.Encode message

                [ 0 .. octets.Length - 1 ]
                |> List.forall (fun n -> not (DnsMessageDecoder.Decode(ReadOnlySpan(octets, 0, n)).IsOk)))

            testPropertyWithConfig config "random octets decode or are rejected, never a crash"
            <| Prop.forAll (Arb.fromGen (genBytes 200)) (fun octets ->
                let result = DnsMessageDecoder.Decode(ReadOnlySpan octets)
                result.IsOk || not (String.IsNullOrEmpty result.Error))

            testCase "names are compressed: a repeated suffix costs a two-octet pointer"
            <| fun () ->
                let record n =
                    DnsResourceRecord(name n, 60u, ARecord(IPAddress.Loopback))

                let message answers =
                    DnsMessage(1us, DnsFlags.Response, 0uy, DnsResponseCode.NoError, [||], answers, [||], [||])

                let one = message [| record "www.example.org" |]
                let two = message [| record "www.example.org"; record "mail.EXAMPLE.org" |]
                let lengthOne = (DnsMessageEncoder.Encode one).Length
                let lengthTwo = (DnsMessageEncoder.Encode two).Length
                // the second owner: 1+4 ("mail") + 2 (pointer), then type, class, ttl, rdlength, rdata
                Expect.equal (lengthTwo - lengthOne) (5 + 2 + 10 + 4) "mail + pointer + fixed fields"

            testCase "a compression loop is rejected"
            <| fun () ->
                // question name: a pointer to itself at offset 12
                expectError (raw 1 [ 1; 0; 0; 0 ] [ 0xC0uy; 12uy; 0uy; 1uy; 0uy; 1uy ]) "compression pointer"

            testCase "two pointers pointing at each other are rejected"
            <| fun () ->
                // offset 12: label "a" then a pointer to 17; offset 17: pointer back to 12
                let body = [ 1uy; byte 'a'; 0xC0uy; 17uy; 0uy; 0xC0uy; 12uy; 0uy; 1uy; 0uy; 1uy ]
                expectError (raw 1 [ 1; 0; 0; 0 ] body) "compression pointer"

            testCase "a pointer past the end is rejected"
            <| fun () -> expectError (raw 1 [ 1; 0; 0; 0 ] [ 0xC0uy; 200uy; 0uy; 1uy; 0uy; 1uy ]) "compression pointer"

            testCase "a label running past the end is rejected"
            <| fun () -> expectError (raw 1 [ 1; 0; 0; 0 ] [ 40uy; byte 'a' ]) "truncated"

            testCase "a header alone, shorter than 12 octets, is rejected"
            <| fun () -> expectError [| 0uy; 1uy; 0x81uy |] "header"

            testCase "counts promising more records than there are are rejected"
            <| fun () -> expectError (raw 1 [ 0; 65535; 0; 0 ] []) "answer record 1 of 65535"

            testCase "a data length past the end is rejected"
            <| fun () ->
                let body = [ 0uy; 0uy; 1uy; 0uy; 1uy; 0uy; 0uy; 0uy; 60uy; 0uy; 200uy; 1uy; 2uy ]
                expectError (raw 1 [ 0; 1; 0; 0 ] body) "data length"

            testCase "an A record of 5 octets is rejected"
            <| fun () ->
                let body =
                    [
                        0uy
                        0uy
                        1uy
                        0uy
                        1uy
                        0uy
                        0uy
                        0uy
                        60uy
                        0uy
                        5uy
                        1uy
                        2uy
                        3uy
                        4uy
                        5uy
                    ]

                expectError (raw 1 [ 0; 1; 0; 0 ] body) "4 octets"

            testCase "a name inside record data may not run past the data length"
            <| fun () ->
                // CNAME whose rdlength (2) cuts its name "ab" short
                let body =
                    [
                        0uy
                        0uy
                        5uy
                        0uy
                        1uy
                        0uy
                        0uy
                        0uy
                        60uy
                        0uy
                        2uy
                        2uy
                        byte 'a'
                        byte 'b'
                        0uy
                    ]

                expectError (raw 1 [ 0; 1; 0; 0 ] body) "truncated"

            testCase "octets after the last record are rejected"
            <| fun () -> expectError (raw 1 [ 0; 0; 0; 0 ] [ 0uy ]) "after the last record"

            testCase "a name longer than 255 octets is rejected"
            <| fun () ->
                let label = 63uy :: List.replicate 63 (byte 'a')
                let body = List.concat (List.replicate 5 label) @ [ 0uy; 0uy; 1uy; 0uy; 1uy ]
                expectError (raw 1 [ 1; 0; 0; 0 ] body) "longer than 255"

            testCase "domain names: parse, print, compare without case"
            <| fun () ->
                Expect.equal (name "WWW.Example.org.") (name "www.example.ORG") "case and trailing dot"
                Expect.equal ((name "www.example.org").ToString()) "www.example.org" "printed"
                Expect.isTrue ((name "a.b.localhost").IsSubdomainOf(name "localhost")) "subdomain"
                Expect.isFalse ((name "notlocalhost").IsSubdomainOf(name "localhost")) "not a subdomain"

                for bad, reason in
                    [
                        "a..b", "empty label"
                        String('a', 64), "63"
                        "é.org", "xn--"
                        String.Join('.', Array.create 64 "abc"), "255"
                    ] do
                    let ok, _, error = DomainName.TryParse bad
                    Expect.isFalse ok bad
                    Expect.stringContains error reason bad
        ]
