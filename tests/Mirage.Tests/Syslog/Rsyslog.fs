/// A real syslog collector for tests: rsyslogd from Debian's package, started by hand (no systemd) on
/// a loopback port with its own configuration in a temporary folder, writing each message it
/// receives as one line of `|`-separated fields that the tests read back.
module Mirage.Tests.Syslog.Rsyslog

open System
open System.Diagnostics
open System.IO
open System.Net.Sockets
open System.Text
open System.Threading
open Mirage.Tests.Support.Processes

/// How the collector listens.
type Input =
    | Udp
    | Tcp
    /// TLS with the server's certificate chain and key (PEM files).
    | Tls of certificate: string * key: string * ca: string

/// One received message, field by field.
type Received =
    {
        Pri: string
        Time: string
        Hostname: string
        AppName: string
        MsgId: string
        Msg: string
    }

let private template =
    "template(name=\"fields\" type=\"string\" string=\"%pri%|%timereported:::date-rfc3339%|%hostname%|%app-name%|%msgid%|%msg%\\n\")"

let private inputConfig (input: Input) (port: int) =
    match input with
    | Udp -> $"module(load=\"imudp\")\ninput(type=\"imudp\" address=\"127.0.0.1\" port=\"{port}\")"
    | Tcp -> $"module(load=\"imtcp\")\ninput(type=\"imtcp\" address=\"127.0.0.1\" port=\"{port}\")"
    | Tls(certificate, key, ca) ->
        $"global(DefaultNetstreamDriverCAFile=\"{ca}\" DefaultNetstreamDriverCertFile=\"{certificate}\" DefaultNetstreamDriverKeyFile=\"{key}\")\n"
        + "module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")\n"
        + $"input(type=\"imtcp\" address=\"127.0.0.1\" port=\"{port}\")"

/// A running rsyslogd; disposing kills it.
type Collector(dir: string, input: Input, port: int) =
    let output = Path.Combine(dir, "received.log")
    let mutable proc: Process option = None

    /// Starts (or starts again) rsyslogd and waits until its port accepts.
    member this.Start() =
        let config = Path.Combine(dir, "rsyslog.conf")

        File.WriteAllText(
            config,
            String.concat
                "\n"
                [
                    $"global(workDirectory=\"{dir}\")"
                    inputConfig input port
                    template
                    $"*.* action(type=\"omfile\" file=\"{output}\" template=\"fields\")"
                    ""
                ]
        )

        proc <- Some(startQuiet "rsyslogd" [ "-n"; "-f"; config; "-i"; Path.Combine(dir, "rsyslogd.pid") ])
        this.WaitReady()

    member private _.WaitReady() =
        let deadline = DateTime.UtcNow.AddSeconds 20.
        let mutable ready = false

        while not ready do
            if DateTime.UtcNow > deadline then
                failwith $"rsyslogd did not start listening on {port}"

            match input with
            | Udp ->
                // UDP says nothing: send probes until one is written down.
                use client = new UdpClient()
                let probe = Encoding.ASCII.GetBytes "<30>1 - probe probe - probe - ready"
                client.Send(probe, probe.Length, "127.0.0.1", port) |> ignore
                Thread.Sleep 100
                ready <- File.Exists output && File.ReadAllText(output).Contains "|probe|"
            | _ ->
                try
                    use client = new TcpClient()
                    client.Connect("127.0.0.1", port)
                    ready <- true
                with :? SocketException ->
                    Thread.Sleep 100

    /// Kills rsyslogd at once (SIGKILL), as a crash would.
    member _.Kill() =
        match proc with
        | Some p ->
            p.Kill()
            p.WaitForExit()
            p.Dispose()
            proc <- None
        | None -> ()

    member _.Port = port

    /// What it received (the readiness probes left out), waiting up to `timeout` for `count` messages.
    member _.Received(count: int, timeout: TimeSpan) =
        let read () =
            if File.Exists output then
                File.ReadAllLines output
                |> Array.choose (fun line ->
                    match line.Split('|', 6) with
                    | [| pri; time; host; app; msgId; msg |] when msgId <> "probe" ->
                        Some
                            {
                                Pri = pri
                                Time = time
                                Hostname = host
                                AppName = app
                                MsgId = msgId
                                Msg = msg
                            }
                    | _ -> None)
            else
                [||]

        let deadline = DateTime.UtcNow + timeout
        let mutable received = read ()

        while received.Length < count && DateTime.UtcNow < deadline do
            Thread.Sleep 50
            received <- read ()

        received

    interface IDisposable with
        member this.Dispose() = this.Kill()

/// Starts a collector listening with `input` on a free loopback port, in `dir`.
let start (dir: string) (input: Input) (port: int) =
    let collector = new Collector(dir, input, port)
    collector.Start()
    collector
