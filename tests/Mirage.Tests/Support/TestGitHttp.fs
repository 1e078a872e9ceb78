/// Smart HTTP(S) peers for the git tests: Debian git's `git http-backend` run as a CGI program,
/// once per request, by Kestrel in the test process on localhost (over TLS when given a certificate).
module Mirage.Tests.Support.TestGitHttp

open System
open System.Collections.Concurrent
open System.Diagnostics
open System.IO
open System.Security.Cryptography.X509Certificates
open System.Threading.Tasks
open Microsoft.AspNetCore.Http
open Mirage.Tests.Support

/// What a request asked: method, path and query, and the headers the tests look at.
type Seen =
    {
        Request: string
        GitProtocol: string
        Authorization: string
    }

/// Runs `git http-backend` for one request (CGI/1.1: the request in the environment and on stdin,
/// the answer's headers then its body on stdout).
let private cgi (root: string) (context: HttpContext) =
    task {
        let request = context.Request
        use body = new MemoryStream()
        do! request.Body.CopyToAsync body
        let info = ProcessStartInfo("git", [ "http-backend" ], UseShellExecute = false)
        info.RedirectStandardInput <- true
        info.RedirectStandardOutput <- true
        info.RedirectStandardError <- true

        for k, v in TestGit.gitEnv do
            info.Environment[k] <- v

        let header (name: string) = string request.Headers[name]

        for k, v in
            [
                "GIT_PROJECT_ROOT", root
                "GIT_HTTP_EXPORT_ALL", "1"
                "REQUEST_METHOD", request.Method
                "PATH_INFO", request.Path.Value
                "QUERY_STRING", request.QueryString.Value.TrimStart '?'
                "CONTENT_TYPE", header "Content-Type"
                "CONTENT_LENGTH", string body.Length
                "GIT_PROTOCOL", header "Git-Protocol"
                "REMOTE_USER", "tester"
                "REMOTE_ADDR", "127.0.0.1"
            ] do
            info.Environment[k] <- v

        use proc = Process.Start info
        let errors = proc.StandardError.ReadToEndAsync()
        body.Position <- 0L
        do! body.CopyToAsync proc.StandardInput.BaseStream
        proc.StandardInput.Close()
        let output = proc.StandardOutput.BaseStream
        // The CGI headers, line by line up to an empty line; "Status:" sets the status code.
        let line () =
            let bytes = ResizeArray<byte>()
            let mutable b = output.ReadByte()

            while b >= 0 && b <> int '\n' do
                bytes.Add(byte b)
                b <- output.ReadByte()

            Text.Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd '\r'

        let mutable h = line ()

        while h <> "" do
            match h.IndexOf ':' with
            | -1 -> ()
            | i ->
                let name, value = h[.. i - 1], h[i + 1 ..].Trim()

                if name.Equals("Status", StringComparison.OrdinalIgnoreCase) then
                    context.Response.StatusCode <- int (value.Split ' ').[0]
                else
                    context.Response.Headers.Append(name, value)

            h <- line ()

        do! output.CopyToAsync context.Response.Body
        do! proc.WaitForExitAsync()
        let! _ = errors
        ()
    }
    :> Task

/// Kestrel on a free loopback port running `git http-backend` over the bare repositories under
/// `root` (pushes allowed), over TLS with `certificate` when given; remembers every request.
type Backend(root: string, certificate: X509Certificate2 option) =
    let port = Loopback.freePort ()
    let seen = ConcurrentQueue<Seen>()

    let app =
        HttpsServer.kestrel
            port
            certificate
            (RequestDelegate(fun context ->
                seen.Enqueue
                    {
                        Request =
                            context.Request.Method
                            + " "
                            + context.Request.Path.Value
                            + context.Request.QueryString.Value
                        GitProtocol = string context.Request.Headers["Git-Protocol"]
                        Authorization = string context.Request.Headers["Authorization"]
                    }

                cgi root context))

    member _.Port = port

    /// Every request served so far, in order.
    member _.Seen = List.ofSeq seen

    /// The URL of the bare repository `name` under the root.
    member _.Url(name: string) =
        let scheme = if certificate.IsSome then "https" else "http"
        $"{scheme}://127.0.0.1:{port}/{name}"

    interface IDisposable with
        member _.Dispose() =
            app.StopAsync().Wait(TimeSpan.FromSeconds 10.0) |> ignore
            (app :> IDisposable).Dispose()
