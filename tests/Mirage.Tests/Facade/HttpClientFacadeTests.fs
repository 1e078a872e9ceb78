/// The HTTP client devices of the C# facade against their F# twins: the resolvers and cohttp_client
/// (the http-fetch sample's twin test covers mimic and paf_client).
module Mirage.Tests.Facade.HttpClientFacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var main = Main("Unikernel.Lookup", Typ.Resolver.To(Typ.Resolver.To(Typ.HttpClient.To(Typ.Job))));"""
            """var stack = Devices.GenericStackV4V6();"""
            """var client = Devices.CohttpClient(Devices.ResolverDns(stack, ["udp:192.0.2.53"]), Devices.ConduitDirect(stack, tls: true));"""
            """return Register("lookup", [main.Apply(Devices.ResolverDns(stack, ["udp:192.0.2.53"])).Apply(Devices.ResolverUnixSystem()).Apply(client)]);"""
        ]

let private fsharp () =
    let main =
        Dsl.main ("Unikernel.Lookup", Dsl.resolver @-> Dsl.resolver @-> Dsl.http_client @-> Dsl.job)

    let stack = Dsl.generic_stackv4v6 ()

    let client =
        Dsl.cohttp_client (Dsl.resolver_dns (stack, ns = [ "udp:192.0.2.53" ])) (Dsl.conduit_direct (stack, tls = true))

    Mirage.Devices.Catalogue.Register(
        "lookup",
        [|
            (main
             $ Dsl.resolver_dns (stack, ns = [ "udp:192.0.2.53" ])
             $ Dsl.resolver_unix_system
             $ client)
                .Impl
        |]
    )

[<Tests>]
let tests =
    testList
        "Facade.HttpClient"
        [
            testCase "ResolverDns, ResolverUnixSystem and CohttpClient emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "aot" []
                Expect.equal (main, project) (emitted fromFSharp "aot" []) "same main.cs and project"

                Expect.stringContains
                    main
                    "ResolverArgs.Nameservers(new string[] { \"udp:192.0.2.53\" })"
                    "--resolver's default"

            testCase "a resolver is no mimic: the facade's types catch it"
            <| fun () ->
                let code, _, message =
                    singleError (csharp.Replace("Devices.ResolverUnixSystem()", "Devices.MimicHappyEyeballs()"))

                Expect.equal code "CS1503" $"a type error ({message})"
                Expect.stringContains message "Resolver" "names the expected type"
        ]
