/// A real DNS-over-TLS resolver for tests: unbound on 127.0.0.1 at a free port, serving TLS with a
/// test CA's certificate and answering only its own local data, stopped (and its files removed) when disposed.
module Mirage.Tests.Support.Unbound

open System
open System.Diagnostics
open System.IO

/// A running unbound serving DNS over TLS on 127.0.0.1:`Port`.
type Server(port: int, dir: string, proc: Process) =
    member _.Port = port

    interface IDisposable with
        member _.Dispose() =
            if not proc.HasExited then
                proc.Kill()
                proc.WaitForExit 5000 |> ignore

            proc.Dispose()
            Directory.Delete(dir, true)

/// The configuration: DNS over TLS only, on `port`, with `certificate`/`key` (PEM files), no
/// recursion (static local data), no privilege drop or chroot (the tests' own process runs it).
let private config (dir: string) (port: int) (records: string list) =
    let data =
        records |> List.map (fun r -> $"  local-data: \"{r}\"") |> String.concat "\n"

    $"""server:
  interface: 127.0.0.1@{port}
  tls-port: {port}
  tls-service-pem: "{dir}/server.pem"
  tls-service-key: "{dir}/server.key"
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{dir}"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  module-config: "iterator"
  local-zone: "test." static
{data}
remote-control:
  control-enable: no
"""

/// Starts unbound with the server chain and key of `issued` (TestCertificates.issue), answering
/// `records` (unbound's local-data syntax), and waits until it accepts TCP.
let start (issued: TestCertificates.IssuedCertificate) (records: string list) =
    let port = Loopback.freePort ()
    let dir = Directory.CreateTempSubdirectory("mirage-unbound-").FullName
    File.WriteAllText(Path.Combine(dir, "server.pem"), issued.CertificatePem)
    File.WriteAllText(Path.Combine(dir, "server.key"), issued.KeyPem)
    let conf = Path.Combine(dir, "unbound.conf")
    File.WriteAllText(conf, config dir port records)

    let proc =
        Loopback.startServer "unbound" port "/usr/sbin/unbound" [ "-d"; "-c"; conf ] (fun () -> Loopback.accepts port)

    new Server(port, dir, proc)
