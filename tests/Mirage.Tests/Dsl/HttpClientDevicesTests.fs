/// The HTTP client devices from the F# DSL: what configure makes of resolver_dns,
/// resolver_unix_system, paf_client and cohttp_client (no package, runtime arguments, connect code).
module Mirage.Tests.Dsl.HttpClientDevicesTests

open System
open System.IO
open Expecto
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Mirage
open type Mirage.Dsl
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Output

/// main.cs and the project generated for `main $ device`.
let private generate (typ: 'a typ) (device: 'a impl) =
    Mirage.Tests.Engine.SameIR.emittedFor typ device "aot" []

let private compileErrors = Mirage.Tests.Support.GeneratedMain.compileErrors

[<Tests>]
let tests =
    testList
        "Dsl.HttpClientDevices"
        [
            testCase "resolver_dns: --resolver with the given default, a DNS resolver over the stack, no package"
            <| fun () ->
                let main, project =
                    generate
                        resolver
                        (resolver_dns (generic_stackv4v6 (), ns = [ "udp:192.0.2.53"; "tcp:[2001:db8::53]:5353" ]))

                Expect.stringContains
                    main
                    "Mirage.Runtime.Network.Resolver.ResolverArgs.Nameservers(new string[] { \"udp:192.0.2.53\", \"tcp:[2001:db8::53]:5353\" })"
                    "the runtime argument and its default"

                Expect.stringContains
                    main
                    "Mirage.Runtime.Network.Resolver.DnsResolver.Connect(socket_stack_"
                    "connected over the stack"

                Expect.isFalse (project.Contains "PackageReference") "no package"
                Expect.isEmpty (compileErrors main "Mirage.Runtime.Network.Resolver.IResolver") "main.cs compiles"
                Expect.isFalse (project.Contains "AspNetCore") "no ASP.NET Core"

            testCase "resolver_dns refuses a nameserver that is not udp:IP[:PORT] or tcp:IP[:PORT]"
            <| fun () ->
                Expect.throwsC
                    (fun () -> resolver_dns (generic_stackv4v6 (), ns = [ "dns.example" ]) |> ignore)
                    (fun e ->
                        Expect.stringContains e.Message "resolver_dns: nameserver 'dns.example'" "names the entry")

            testCase "resolver_unix_system is the host's resolver, one shared value"
            <| fun () ->
                let main, _ = generate resolver resolver_unix_system
                Expect.stringContains main "Mirage.Runtime.Network.Resolver.SystemResolver.Connect()" "System.Net.Dns"
                Expect.isTrue (obj.ReferenceEquals(resolver_unix_system, resolver_unix_system)) "shared"
                Expect.isEmpty (compileErrors main "Mirage.Runtime.Network.Resolver.IResolver") "main.cs compiles"

            testCase
                "paf_client over mimic_happy_eyeballs: --tls-ca, connect order stack, happy eyeballs, DNS, mimic, client"
            <| fun () ->
                let stack = generic_stackv4v6 ()
                let he = generic_happy_eyeballs () $ stack
                let dns = generic_dns_client () $ stack $ he
                let mimic = mimic_happy_eyeballs $ stack $ he $ dns

                let main, project =
                    generate alpn_client (paf_client $ (tcpv4v6_of_stackv4v6 $ stack) $ mimic)

                Expect.stringContains main "HttpClientArgs.TlsCa(null, \"\")" "--tls-ca"

                let index (text: string) =
                    let i = main.IndexOf(text, StringComparison.Ordinal)
                    Expect.isGreaterThanOrEqual i 0 $"main.cs has {text}"
                    i

                let order =
                    [
                        "SocketStack.Connect("
                        "HappyEyeballs.Connect("
                        "DnsClient.Connect("
                        "Mimic.Mimic.Connect("
                        "PafClient.Connect("
                    ]
                    |> List.map index

                Expect.equal order (List.sort order) "each after what it needs"
                Expect.isFalse (project.Contains "AspNetCore") "a client needs no ASP.NET Core"
                Expect.isEmpty (compileErrors main "HttpClient") "main.cs compiles"
                Expect.isNonEmpty (compileErrors main "string") "and the check can fail: an HttpClient is no string"

            testCase
                "cohttp_client over resolver_dns and conduit_direct ~tls:true: --tls-ca, resolver and TLS conduit first"
            <| fun () ->
                let stack = generic_stackv4v6 ()

                let main, project =
                    generate http_client (cohttp_client (resolver_dns stack) (conduit_direct (stack, tls = true)))

                Expect.stringContains main "HttpClientArgs.TlsCa(null, \"\")" "--tls-ca"

                Expect.stringContains
                    main
                    "Mirage.Runtime.Network.HttpClients.CohttpClient.Connect(dns_resolver_"
                    "the resolver, then the conduit"

                Expect.stringContains main ", conduit_tls_" "the TLS conduit over the TCP one"
                Expect.isFalse (project.Contains "AspNetCore") "a client needs no ASP.NET Core"
                Expect.isEmpty (compileErrors main "HttpClient") "main.cs compiles"
        ]
