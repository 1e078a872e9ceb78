module Mirage.Tests.Runtime.EntropyTests

open System
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Entropy

[<Tests>]
let tests =
    testList
        "Runtime.Entropy"
        [
            testCase "fills are distinct and not all zero"
            <| fun () ->
                let random = DefaultRandom.Connect()

                let fills =
                    [
                        for _ in 1..1000 ->
                            let buffer = Array.zeroCreate<byte> 16
                            random.Fill(Span buffer)
                            Convert.ToHexString buffer
                    ]

                Expect.equal (List.distinct fills).Length fills.Length "1000 distinct 128-bit fills"
                Expect.isFalse (List.contains (String('0', 32)) fills) "no all-zero fill"

            testCase "a large fill uses every byte value"
            <| fun () ->
                let buffer = Array.zeroCreate<byte> 65536
                DefaultRandom.Connect().Fill(Span buffer)
                // Missing one of 256 values in 65536 uniform bytes has probability about 256 × e⁻²⁵⁶.
                Expect.equal (Array.distinct buffer).Length 256 "all byte values"

            testCase "an empty buffer is fine"
            <| fun () -> DefaultRandom.Connect().Fill(Span<byte>.Empty)

            testCase "the platform's default is the system generator"
            <| fun () -> Expect.isTrue (Platform.Random :? DefaultRandom) "DefaultRandom"
        ]
