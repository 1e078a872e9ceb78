/// A real HTTP server for client tests: Kestrel in the test process on localhost (127.0.0.1 and
/// ::1), HTTP/1.1 and h2 (by ALPN over TLS when given a certificate), serving fixed bytes at
/// `/data` and 404 elsewhere, and remembering the protocol of every request.
module Mirage.Tests.Support.HttpsServer

open System
open System.Collections.Concurrent
open System.Net
open System.Net.Sockets
open System.Security.Cryptography.X509Certificates
open System.Threading.Tasks
open Microsoft.AspNetCore.Builder
open Microsoft.AspNetCore.Hosting
open Microsoft.AspNetCore.Http
open Microsoft.AspNetCore.Server.Kestrel.Core
open Microsoft.Extensions.Logging

type Server(app: WebApplication, port: int, protocols: ConcurrentQueue<string>) =
    member _.Port = port
    /// The protocol of each request served (`HTTP/1.1`, `HTTP/2`), in order.
    member _.Protocols = List.ofSeq protocols

    interface IDisposable with
        member _.Dispose() =
            app.StopAsync().Wait(TimeSpan.FromSeconds 10.0) |> ignore
            (app :> IDisposable).Dispose()

/// Kestrel started on `port` of localhost (127.0.0.1 and ::1), HTTP/1.1 and h2 (by ALPN over TLS
/// with `certificate` when given), answering every request with `handler`.
let kestrel (port: int) (certificate: X509Certificate2 option) (handler: RequestDelegate) =
    let builder = WebApplication.CreateSlimBuilder()
    builder.Logging.ClearProviders() |> ignore

    builder.WebHost.ConfigureKestrel(fun options ->
        options.ListenLocalhost(
            port,
            fun listen ->
                listen.Protocols <- HttpProtocols.Http1AndHttp2

                match certificate with
                | Some c -> listen.UseHttps c |> ignore
                | None -> ()
        ))
    |> ignore

    let app = builder.Build()
    app.Run handler
    app.StartAsync().Wait()
    app

/// Starts Kestrel on a free port of localhost serving `body` at `/data`; over TLS with
/// `certificate` when given.
let start (certificate: X509Certificate2 option) (body: byte array) =
    let port = Loopback.freePort ()
    let protocols = ConcurrentQueue<string>()

    let app =
        kestrel
            port
            certificate
            (RequestDelegate(fun context ->
                protocols.Enqueue context.Request.Protocol

                if context.Request.Path.Value = "/data" then
                    context.Response.ContentLength <- Nullable(int64 body.Length)
                    context.Response.Body.WriteAsync(body, 0, body.Length)
                else
                    context.Response.StatusCode <- 404
                    Task.CompletedTask))

    new Server(app, port, protocols)
