/// The network samples end to end on every target: a unikernel serving on loopback, driven by real
/// clients (sockets, curl), checked by what it logs and answers.
module Mirage.Tests.Cli.NetworkSampleTests

open System
open System.Collections.Concurrent
open System.Diagnostics
open System.Net
open System.Net.Sockets
open System.Text
open System.IO
open System.Threading
open Expecto
open Mirage.Tests.Support.Samples
open Mirage.Tests.Runtime.NetworkSocketTests

/// A unikernel running in the background, its output collected line by line.
type Service(binary: string, args: string list) =
    let lines = ConcurrentQueue<string>()

    let proc =
        let info =
            ProcessStartInfo(
                binary,
                args,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false
            )

        let p = new Process(StartInfo = info)
        p.OutputDataReceived.Add(fun e -> if not (isNull e.Data) then lines.Enqueue e.Data)
        p.ErrorDataReceived.Add(fun e -> if not (isNull e.Data) then lines.Enqueue e.Data)
        p.Start() |> ignore
        p.BeginOutputReadLine()
        p.BeginErrorReadLine()
        p

    member _.Lines = List.ofSeq lines
    member _.Output = String.Join("\n", lines)

    /// Waits (up to 20 s) for a line containing `text`.
    member this.WaitFor(text: string) =
        let clock = Stopwatch.StartNew()

        while not (lines |> Seq.exists _.Contains(text)) && clock.Elapsed < TimeSpan.FromSeconds 20.0 do
            if proc.HasExited then
                failwith $"the service exited ({proc.ExitCode}) before logging '{text}':\n{this.Output}"

            Thread.Sleep 20

        Expect.isTrue (lines |> Seq.exists _.Contains(text)) $"logged '{text}':\n{this.Output}"

    /// Waits (up to 30 s) for the service to exit by itself and returns its exit code.
    member _.ExitCode() =
        Expect.isTrue (proc.WaitForExit 30000) "it exits by itself"
        proc.WaitForExit()
        proc.ExitCode

    /// Stops the service with SIGINT and returns its exit code.
    member _.Stop() =
        if not proc.HasExited then
            Process.Start("kill", [ "-INT"; string proc.Id ]).WaitForExit()

        if not (proc.WaitForExit 10000) then
            proc.Kill true

        proc.WaitForExit()
        proc.ExitCode

    interface IDisposable with
        member this.Dispose() =
            if not proc.HasExited then
                proc.Kill true

            proc.Dispose()

/// Connects, sends `text`, and reads until the service closes the connection.
let private sendAndWaitForClose (address: IPAddress) port (text: string) =
    use client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
    client.Connect(IPEndPoint(address, port))
    client.Send(Encoding.ASCII.GetBytes text) |> ignore
    let buffer = Array.zeroCreate<byte> 16
    client.ReceiveTimeout <- 10000
    let received = client.Receive buffer
    Expect.equal received 0 "the service closed the connection without answering"
    (client.LocalEndPoint :?> IPEndPoint).Port

let private networkOn target =
    testList
        target
        [
            testCase "network logs each connection's peer over IPv4 and IPv6, reads once, closes"
            <| fun () ->
                let binary = build "network" target
                checkBinary target binary
                let port = freePort ()
                use service = new Service(binary, [ $"--port={port}" ])
                service.WaitFor $"listening on TCP port {port}"
                let v4Port = sendAndWaitForClose IPAddress.Loopback port "hello over IPv4"
                service.WaitFor "read 15 bytes: hello over IPv4"
                service.WaitFor $"new tcp connection from IP 127.0.0.1 on port {v4Port}"
                let v6Port = sendAndWaitForClose IPAddress.IPv6Loopback port "hello over IPv6"
                service.WaitFor $"new tcp connection from IP ::1 on port {v6Port}"
                service.WaitFor "read 15 bytes: hello over IPv6"
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase "network with --ipv4-only does not answer on IPv6; a port in use is a clear error, exit 1"
            <| fun () ->
                let binary = Path.Combine(sampleDir "network", "dist", "network")
                let port = freePort ()
                use service = new Service(binary, [ $"--port={port}"; "--ipv4-only" ])
                service.WaitFor $"listening on TCP port {port}"
                use v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp)

                Expect.throwsT<SocketException>
                    (fun () -> v6.Connect(IPEndPoint(IPAddress.IPv6Loopback, port)))
                    "IPv6 is off"

                use second = new Service(binary, [ $"--port={port}" ])
                Expect.equal (second.ExitCode()) 1 "the second instance fails"
                Expect.stringContains second.Output $"cannot listen on TCP port {port}: address already in use" "why"
                sendAndWaitForClose IPAddress.Loopback port "still here" |> ignore
                service.WaitFor "read 10 bytes: still here"
                Expect.equal (service.Stop()) 130 "the first instance kept serving"
        ]

[<Tests>]
let tests =
    sampleTests "Network samples" [ networkOn "unix"; networkOn "aot" ]
