/// The catalogue and the runtime: the catalogue names runtime members through the compiler
/// (nameof, constants) and shares Mirage.Runtime.Contract with it, so `mirage` never loads the runtime.
module Mirage.Tests.Devices.Contract

open Expecto
open Mirage.Devices

[<Tests>]
let tests =
    testList
        "Devices.Contract"
        [
            test "the catalogue references the contract, not the runtime, when it runs" {
                let references =
                    typeof<Catalogue>.Assembly.GetReferencedAssemblies()
                    |> Array.map _.Name
                    |> Set.ofArray

                Expect.contains references "Mirage.Runtime.Contract" "the shared contract"
                Expect.isFalse (references.Contains "Mirage.Runtime") "no run-time reference to the runtime"
                Expect.isFalse (references.Contains "Mirage.Runtime.Http") "nor to its HTTP library"
            }

            test "log levels and the nameserver syntax are the runtime's own types" {
                Expect.equal
                    typeof<Mirage.Runtime.Logging.LogLevel>.Assembly
                    typeof<Mirage.Runtime.Network.Dns.Nameserver>.Assembly
                    "one contract assembly"

                let contract = typeof<Mirage.Runtime.Logging.LogLevel>.Assembly.GetName().Name
                Expect.equal contract "Mirage.Runtime.Contract" "the contract"
            }

            test "a nameserver the runtime would refuse is refused when configuring" {
                // "udp:1.2" has the old regex's shape, but the runtime reads no legacy IPv4 form.
                for device, make in
                    [
                        "generic_dns_client",
                        (fun ns -> Catalogue.GenericDnsClient(nameservers = ResizeArray [ ns ]) |> ignore)
                        "resolver_dns",
                        (fun ns -> Catalogue.ResolverDns(Catalogue.SocketStackV4V6(), ResizeArray [ ns ]) |> ignore)
                    ] do
                    let error = Expect.throwsC (fun () -> make "udp:1.2") id

                    Expect.stringContains
                        error.Message
                        $"{device}: nameserver 'udp:1.2' is not udp:IP[:PORT] or tcp:IP[:PORT]"
                        device

                    make "tcp:[::1]:5353"
            }
        ]
