namespace Mirage

open System.Collections.Generic
open Mirage.Devices

/// The module type of git clients (upstream's <c>git_client</c>).
type git_client = Mirage.CSharp.GitClient

/// Git clients (upstream's <c>git_tcp</c>, <c>git_http</c>, <c>merge_git_clients</c>), which the unikernel hands to
/// <c>Mirage.Runtime.Git.Store.GitKv.ConnectAsync</c> (upstream's git-kv).
[<AutoOpen>]
module GitDevices =
    let private gitTcp = Functor.curried2 (Catalogue.GitTcp())

    type Dsl with
        /// Git clients.
        static member git_client: git_client typ = ModuleTypes.GitClient

        /// <summary>git:// through mimic (upstream's <c>git_tcp</c>): <c>git_tcp $ tcp $ mimic</c>.</summary>
        static member git_tcp: (tcpv4v6 -> mimic -> git_client) impl = gitTcp

        /// <summary>
        /// Smart HTTP(S) through mimic (upstream's <c>git_http</c>): <c>git_http () $ tcp $ mimic</c>;
        /// runtime arguments <c>--tls-authenticator</c> and <c>--http-headers</c>, whose defaults
        /// <c>authenticator</c> and <c>headers</c> are.
        /// </summary>
        static member git_http
            (?group: string, ?authenticator: string, ?headers: (string * string) list)
            : (tcpv4v6 -> mimic -> git_client) impl =
            let headers =
                headers
                |> Option.map (fun hs -> ResizeArray(hs |> List.map KeyValuePair) :> IReadOnlyList<_>)
                |> Option.toObj

            Functor.curried2 (Catalogue.GitHttp(defaultArg group "", Option.toObj authenticator, headers))

        /// <summary>Both clients' schemes, the first's way where both reach one (upstream's <c>merge_git_clients</c>).</summary>
        static member merge_git_clients (first: git_client impl) (second: git_client impl) : git_client impl =
            Catalogue.MergeGitClients(first, second)
