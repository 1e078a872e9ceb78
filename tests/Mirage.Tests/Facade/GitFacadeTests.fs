/// The git client devices of the C# facade against their F# twins (the git sample's twin test
/// covers git_tcp over mimic; this one merge_git_clients and git_http with its defaults).
module Mirage.Tests.Facade.GitFacadeTests

open Expecto
open Mirage
open Mirage.Tests.Engine.SameIR
open Mirage.Tests.Facade.Compilation

let private csharp =
    configBuilding
        [
            """var stack = Devices.GenericStackV4V6();"""
            """var he = Devices.GenericHappyEyeballs().Apply(stack);"""
            """var mimic = Devices.MimicHappyEyeballs().Apply(stack).Apply(he).Apply(Devices.GenericDnsClient().Apply(stack).Apply(he));"""
            """var tcp = Devices.TcpV4V6OfStackV4V6().Apply(stack);"""
            // F#'s git_tcp is one functor value, so both applications share it: the same here.
            """var gitTcp = Devices.GitTcp();"""
            """var git = Devices.MergeGitClients(gitTcp.Apply(tcp).Apply(mimic), gitTcp.Apply(tcp).Apply(mimic));"""
            """return Register("git", [Main("Unikernel.Main", Typ.GitClient.To(Typ.Job)).Apply(git)]);"""
        ]

let private fsharp () =
    let stack = Dsl.generic_stackv4v6 ()
    let he = Dsl.generic_happy_eyeballs () $ stack

    let mimic =
        Dsl.mimic_happy_eyeballs $ stack $ he $ (Dsl.generic_dns_client () $ stack $ he)

    let tcp = Dsl.tcpv4v6_of_stackv4v6 $ stack

    let git =
        Dsl.merge_git_clients (Dsl.git_tcp $ tcp $ mimic) (Dsl.git_tcp $ tcp $ mimic)

    Mirage.Devices.Catalogue.Register("git", [| (Dsl.main ("Unikernel.Main", Dsl.git_client @-> Dsl.job) $ git).Impl |])

let private csharpHttp =
    configBuilding
        [
            """var stack = Devices.GenericStackV4V6();"""
            """var he = Devices.GenericHappyEyeballs().Apply(stack);"""
            """var mimic = Devices.MimicHappyEyeballs().Apply(stack).Apply(he).Apply(Devices.GenericDnsClient().Apply(stack).Apply(he));"""
            """var tcp = Devices.TcpV4V6OfStackV4V6().Apply(stack);"""
            """var http = Devices.GitHttp("remote", "cert-fp:AAAA", [new("Authorization", "Bearer x"), new("X-A", "b:c")]).Apply(tcp).Apply(mimic);"""
            """var git = Devices.MergeGitClients(http, Devices.GitTcp().Apply(tcp).Apply(mimic));"""
            """return Register("git", [Main("Unikernel.Main", Typ.GitClient.To(Typ.Job)).Apply(git)]);"""
        ]

let private fsharpHttp () =
    let stack = Dsl.generic_stackv4v6 ()
    let he = Dsl.generic_happy_eyeballs () $ stack

    let mimic =
        Dsl.mimic_happy_eyeballs $ stack $ he $ (Dsl.generic_dns_client () $ stack $ he)

    let tcp = Dsl.tcpv4v6_of_stackv4v6 $ stack

    let http =
        Dsl.git_http (
            group = "remote",
            authenticator = "cert-fp:AAAA",
            headers = [ "Authorization", "Bearer x"; "X-A", "b:c" ]
        )
        $ tcp
        $ mimic

    let git = Dsl.merge_git_clients http (Dsl.git_tcp $ tcp $ mimic)
    Mirage.Devices.Catalogue.Register("git", [| (Dsl.main ("Unikernel.Main", Dsl.git_client @-> Dsl.job) $ git).Impl |])

[<Tests>]
let tests =
    testList
        "Facade.Git"
        [
            testCase "GitTcp and MergeGitClients emit what their F# twins do"
            <| fun () ->
                let fromCSharp = run csharp
                let fromFSharp = fsharp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "unix" []
                Expect.equal (main, project) (emitted fromFSharp "unix" []) "same main.cs and project"
                Expect.stringContains main "Mirage.Runtime.Git.GitClient.Merge(" "merge_git_clients' connect code"
                Expect.stringContains main "Mirage.Runtime.Git.GitClient.Tcp(" "git_tcp's connect code"
                Expect.stringContains project "Mirage.Runtime.Git" "the git runtime library is referenced"

            testCase "GitHttp with a group, an authenticator and headers emits what git_http does"
            <| fun () ->
                let fromCSharp = run csharpHttp
                let fromFSharp = fsharpHttp ()
                Expect.equal (irText fromCSharp) (irText fromFSharp) "same IR"
                let main, project = emitted fromCSharp "unix" []
                Expect.equal (main, project) (emitted fromFSharp "unix" []) "same main.cs and project"
                Expect.stringContains main "Mirage.Runtime.Git.GitClient.Http(" "git_http's connect code"

                Expect.stringContains
                    main
                    "Mirage.Runtime.Git.GitArgs.TlsAuthenticator(\"cert-fp:AAAA\", \"remote\")"
                    "--remote-tls-authenticator, its default given"

                Expect.stringContains
                    main
                    "Mirage.Runtime.Git.GitArgs.HttpHeaders(\"Authorization:Bearer x,X-A:b:c\", \"remote\")"
                    "--remote-http-headers in upstream's syntax"

            testCase "git_http refuses headers --http-headers cannot carry"
            <| fun () ->
                Expect.throwsT<System.ArgumentException>
                    (fun () -> Dsl.git_http (headers = [ "X", "a,b" ]) |> ignore)
                    "a comma in a value"

                Expect.throwsT<System.ArgumentException>
                    (fun () -> Dsl.git_http (headers = [ "X Y", "a" ]) |> ignore)
                    "a space in a name"
        ]
