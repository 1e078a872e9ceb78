/// Smart HTTP(S) (`git_http`) against Debian git's `git http-backend`: fetches in v2 and v0, full
/// and shallow, a git-kv push, `--http-headers` on every request, and https checked by upstream's
/// TLS authenticators (trust anchor, certificate and key pins; a wrong pin refused).
module Mirage.Tests.Git.HttpTests

open System
open System.IO
open System.Security.Cryptography
open System.Text
open Expecto
open Mirage.Runtime.Git
open Mirage.Runtime.Git.Protocol
open Mirage.Runtime.Git.Store
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Network.HttpClients
open Mirage.Runtime.Network.Tls
open Mirage.Tests.Support
open Mirage.Tests.Support.TestCertificates
open Mirage.Tests.Support.TestGit

let private ids (result: FetchResult) =
    result.Objects |> Seq.map (fun o -> string o.Object.Id) |> Set.ofSeq

/// A git client for http(s):// on the host-socket stack, as `git_http`'s connect code makes one.
let private client stack (authenticator: string option) (headers: string) =
    let http =
        FlowHttpClients.Create(
            connectHost stack,
            TlsTrust.Parse(Option.toObj authenticator),
            HttpProtocolPolicy.Http2ByAlpn
        )

    GitClient.OverHttp(http, GitArgs.Headers headers)

let private failure (work: Threading.Tasks.Task<'a>) =
    try
        work.GetAwaiter().GetResult() |> ignore
        "no error"
    with
    | :? GitRemoteException as e -> e.Message
    | :? GitFormatException as e -> e.Message

[<Tests>]
let tests =
    testSequencedGroup "git"
    <| testList
        "Git.Http"
        [
            testCase "smart HTTP against git http-backend: v2 and v0, full and shallow, a push, the headers"
            <| fun () ->
                use dir = new Processes.TempDir()
                let bare = makeRepository (Path.Combine(dir.Path, "repo")) 3 6
                git bare [ "config"; "http.receivepack"; "true" ] |> ignore
                use backend = new TestGitHttp.Backend(dir.Path, None)
                let stack = Loopback.stack ()
                let client = client stack None "Authorization:Bearer t0ken,X-Extra:1"
                let url = GitUrl.Parse(backend.Url "repo.git")
                let all = objects bare |> Map.keys |> Set.ofSeq
                let head = (git bare [ "rev-parse"; "main" ]).Trim()

                task {
                    for version in [ ProtocolVersion.V2; ProtocolVersion.V0 ] do
                        let! full = client.FetchAsync(url, FetchRequest(Version = version))
                        Expect.equal full.Version version $"{version} spoken"
                        Expect.equal (ids full) all $"{version}: every object git stores"

                        let! shallow = client.FetchAsync(url, FetchRequest(Version = version, Depth = 1))
                        Expect.equal [ for s in shallow.Shallow -> string s ] [ head ] $"{version}: shallow at main"
                        Expect.isLessThan shallow.Objects.Count full.Objects.Count $"{version}: the tip only"

                    let seen = backend.Seen

                    Expect.all seen (fun s -> s.Authorization = "Bearer t0ken") "--http-headers on every request"

                    Expect.isTrue
                        (seen
                         |> List.exists (fun s -> s.Request.StartsWith "POST" && s.GitProtocol = "version=2"))
                        "v2 asked for with Git-Protocol"

                    let! kv = GitKv.ConnectAsync(client, backend.Url "repo.git")

                    let! set =
                        kv.SetAsync(Key.Parse "web/pushed.txt", ReadOnlyMemory(Encoding.UTF8.GetBytes "over http\n"))

                    Expect.isNull set "a write pushed over smart HTTP"
                    git bare [ "fsck"; "--strict" ] |> ignore
                    Expect.equal (git bare [ "show"; "main:web/pushed.txt" ]) "over http\n" "the server has the file"

                    Expect.stringContains
                        (git bare [ "log"; "--format=%s"; "-n"; "1"; "main" ])
                        "Set /web/pushed.txt"
                        "the commit is in the log"

                    let missing =
                        failure (client.FetchAsync(GitUrl.Parse(backend.Url "nothing.git"), FetchRequest()))

                    Expect.stringContains missing "404" "a repository that is not there"
                    do! stack.DisconnectAsync()
                }
                |> fun t -> t.GetAwaiter().GetResult()

            testCase "https checked by --tls-authenticator: trust anchor, certificate and key pins; wrong pins refused"
            <| fun () ->
                use dir = new Processes.TempDir()
                makeRepository (Path.Combine(dir.Path, "repo")) 1 2 |> ignore
                let ca = authority "Mirage git test CA"
                use certificate = serverCertificate ca [ "127.0.0.1" ]
                use backend = new TestGitHttp.Backend(dir.Path, Some certificate)
                let stack = Loopback.stack ()
                let url = GitUrl.Parse(backend.Url "repo.git")
                let b64 (bytes: byte array) = Convert.ToBase64String bytes
                let certFp = b64 (SHA256.HashData certificate.RawData)

                let keyFp =
                    b64 (SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()))

                let wrong = b64 (Array.zeroCreate 32)

                let fetch authenticator =
                    failure ((client stack authenticator "").FetchAsync(url, FetchRequest()))

                for accepted in
                    [
                        $"trust-anchor:{b64 ca.RawData}"
                        $"cert-fp:{certFp}"
                        $"cert-fp:SHA256:{certFp}"
                        $"key-fp:sha256:{keyFp}"
                    ] do
                    Expect.equal (fetch (Some accepted)) "no error" $"{accepted.Split(':')[0]} accepts the server"

                for refused in [ Some $"cert-fp:{wrong}"; Some $"key-fp:{wrong}"; None ] do
                    Expect.stringContains (fetch refused) "TLS" $"{refused} refuses the server"

                stack.DisconnectAsync().AsTask().Wait()

            testCase "authenticators and header lists in upstream's syntax, malformed ones explained"
            <| fun () ->
                let parses text =
                    let ok, _, error = TlsAuthenticator.TryParse text
                    if ok then "ok" else error

                let fp = Convert.ToBase64String(Array.zeroCreate 32)
                Expect.equal (parses $"key-fp:{fp.TrimEnd '='}") "ok" "unpadded base64, as upstream"
                Expect.equal (parses "none") "ok" "none"
                Expect.stringContains (parses "key-fp:md5:AAAA") "unknown hash 'md5'" "a hash git-net lacks"

                Expect.stringContains
                    (parses "cert-fp:AAAA")
                    "not the base64 of a SHA256 hash"
                    "a fingerprint of the wrong length"

                Expect.stringContains (parses "cert-fp:!!") "not the base64 of a SHA256 hash" "not base64"
                Expect.stringContains (parses "trust-anchor:AAAA") "not a base64 DER certificate" "not a certificate"
                Expect.stringContains (parses "ca:x") "expected none, key-fp" "an unknown kind"

                let ok, headers, _ = GitArgs.TryParseHeaders "A:b:c, X-Y : z"
                Expect.isTrue ok "two headers"
                Expect.equal [ for h in headers -> h.Key, h.Value ] [ "A", "b:c"; "X-Y", "z" ] "split at the first ':'"
                let bad, _, error = GitArgs.TryParseHeaders "novalue"
                Expect.isFalse bad "no colon"
                Expect.stringContains error "expected NAME:VALUE" "why"
        ]
